package io.ethbus.crypto;

import io.ethbus.primitives.Address;
import io.ethbus.typeddata.TypedData;

/**
 * Signs EIP-712 typed data and recovers its signer: the signature is over
 * {@link TypedData#hash()}, as {@code eth_signTypedData_v4} makes it.
 *
 * <pre>Signature sig = TypedDataSigner.sign(account, TypedData.fromJson(json));  Address who = TypedDataSigner.recover(data, sig);</pre>
 */
public final class TypedDataSigner {
    private TypedDataSigner() {
    }

    /** {@code account}'s signature over {@link TypedData#hash()} (RFC 6979, low-s). */
    public static Signature sign(Account account, TypedData data) {
        return account.sign(data.hash());
    }

    /** The address that made {@code signature} over {@code data}. */
    public static Address recover(TypedData data, Signature signature) {
        return Secp256k1.recoverAddress(data.hash().value(), signature);
    }
}
