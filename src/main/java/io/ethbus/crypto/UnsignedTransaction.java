package io.ethbus.crypto;

import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

/**
 * A transaction's fields before signing: what is hashed for the signature and how the
 * signed transaction is encoded. {@link LegacyTransaction} (type 0, EIP-155),
 * {@link AccessListTransaction} (type 1, EIP-2930), {@link DynamicFeeTransaction}
 * (type 2, EIP-1559), {@link BlobTransaction} (type 3, EIP-4844) and {@link SetCodeTransaction}
 * (type 4, EIP-7702).
 *
 * <pre>SignedTransaction signed = tx.sign(account);  eth.sendRawTransaction(signed.raw());</pre>
 */
public sealed interface UnsignedTransaction permits LegacyTransaction, TypedTransaction {
    /** The EIP-2718 type: 0, 1, 2, 3 or 4. */
    int type();

    /** The hash the sender signs. */
    Hash signingHash();

    /** The signed transaction as a block holds it; its keccak256 is the transaction hash. */
    Bytes encode(Signature signature);

    /**
     * The signed transaction as sent with eth_sendRawTransaction: {@link #encode} but for a blob
     * transaction, which sends its blobs, commitments and proofs along.
     */
    default Bytes encodeNetwork(Signature signature) {
        return encode(signature);
    }

    /** Signs with {@code account}. */
    default SignedTransaction sign(Account account) {
        return new SignedTransaction(this, account.sign(signingHash()));
    }
}
