package io.ethbus.crypto;

import io.ethbus.primitives.Bytes;

import java.util.Arrays;

/**
 * Decodes a raw signed transaction (as sent with eth_sendRawTransaction) back to its fields
 * and signature; {@link SignedTransaction#sender()} then recovers who signed it. Decoding is
 * as strict as a node's: non-canonical RLP, trailing bytes, a field wider than the protocol
 * allows or a signature a node refuses (post-Homestead: r, s in 1..n-1, s at most n/2) is an
 * {@link InvalidTransactionException} naming the field.
 */
public final class TransactionDecoder {
    private TransactionDecoder() {
    }

    public static SignedTransaction decode(Bytes raw) {
        return decode(raw.value());
    }

    /**
     * Types 0 (legacy), 1 (EIP-2930), 2 (EIP-1559), 3 (EIP-4844, with or without its blobs: the
     * network or the canonical form) and 4 (EIP-7702); anything else is an
     * {@link InvalidTransactionException}. A blob transaction's versioned hashes must be its
     * commitments'; its KZG proofs are not checked here ({@link BlobSidecar#verify()}).
     */
    public static SignedTransaction decode(byte[] raw) {
        if (raw.length == 0) {
            throw new InvalidTransactionException("empty raw transaction");
        }
        int first = raw[0] & 0xff;
        try {
            if (first >= 0xc0) {
                return LegacyTransaction.decode(Rlp.decode(raw).asList());
            }
            RlpList body = Rlp.decode(Arrays.copyOfRange(raw, 1, raw.length)).asList();
            return switch (first) {
                case AccessListTransaction.TYPE -> AccessListTransaction.decode(body);
                case DynamicFeeTransaction.TYPE -> DynamicFeeTransaction.decode(body);
                case BlobTransaction.TYPE -> BlobTransaction.decode(body);
                case SetCodeTransaction.TYPE -> SetCodeTransaction.decode(body);
                default -> throw new InvalidTransactionException("unsupported transaction type " + first);
            };
        } catch (RlpException e) {
            // Bad RLP, trailing bytes included, or an item of the wrong shape: the transaction's fault.
            throw new InvalidTransactionException("malformed transaction RLP: " + e.getMessage(), e);
        }
    }
}
