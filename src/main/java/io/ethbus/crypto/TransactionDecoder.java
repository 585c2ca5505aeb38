package io.ethbus.crypto;

import io.ethbus.primitives.Bytes;

import java.util.Arrays;

/**
 * Decodes a raw signed transaction (as sent with eth_sendRawTransaction) back to its fields
 * and signature; {@link SignedTransaction#sender()} then recovers who signed it.
 */
public final class TransactionDecoder {
    private TransactionDecoder() {
    }

    public static SignedTransaction decode(Bytes raw) {
        return decode(raw.value());
    }

    /** Types 0 (legacy), 1 (EIP-2930) and 2 (EIP-1559); anything else is an {@link InvalidTransactionException}. */
    public static SignedTransaction decode(byte[] raw) {
        if (raw.length == 0) {
            throw new InvalidTransactionException("empty raw transaction");
        }
        int first = raw[0] & 0xff;
        if (first >= 0xc0) {
            return LegacyTransaction.decode(Rlp.decode(raw).asList());
        }
        RlpList body = Rlp.decode(Arrays.copyOfRange(raw, 1, raw.length)).asList();
        return switch (first) {
            case AccessListTransaction.TYPE -> AccessListTransaction.decode(body);
            case DynamicFeeTransaction.TYPE -> DynamicFeeTransaction.decode(body);
            default -> throw new InvalidTransactionException("unsupported transaction type " + first);
        };
    }
}
