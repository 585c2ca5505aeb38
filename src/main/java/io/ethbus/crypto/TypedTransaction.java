package io.ethbus.crypto;

import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.util.List;

/**
 * An EIP-2718 typed transaction (types 1 to 4): what is signed and how the signed transaction is
 * encoded follow from its type byte and its payload's fields, so they are written here once.
 *
 * <pre>Bytes raw = tx.encode(signature);  // 0x02 || rlp([chainId, nonce, ..., yParity, r, s])</pre>
 */
public sealed interface TypedTransaction extends UnsignedTransaction
        permits AccessListTransaction, DynamicFeeTransaction, BlobTransaction, SetCodeTransaction {
    /** The payload's fields in their EIP order, without the signature. */
    List<RlpItem> payloadFields();

    /** {@code keccak256(type || rlp(payloadFields))}. */
    @Override
    default Hash signingHash() {
        return TransactionRlp.typedSigningHash(type(), payloadFields());
    }

    /**
     * The canonical form, {@code type || rlp([payloadFields..., yParity, r, s])}: what a block holds
     * and what is hashed.
     */
    @Override
    default Bytes encode(Signature signature) {
        return TransactionRlp.typedSigned(type(), payloadFields(), signature);
    }
}
