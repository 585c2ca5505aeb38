package io.ethbus.crypto;

import io.ethbus.primitives.Keccak;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.util.Objects;

/** A transaction with its signature: the raw bytes to send, their hash, and the sender recovered from the signature. */
public record SignedTransaction(UnsignedTransaction transaction, Signature signature) {
    public SignedTransaction {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(signature, "signature");
    }

    /** The bytes for eth_sendRawTransaction (for a blob transaction with its sidecar, the network form). */
    public Bytes raw() {
        return transaction.encodeNetwork(signature);
    }

    /** The transaction hash as nodes report it: keccak256 of the canonical encoding (the raw bytes but for blobs). */
    public Hash hash() {
        return new Hash(Keccak.keccak256(transaction.encode(signature).value()));
    }

    /** The address that signed, recovered from the signature. */
    public Address sender() {
        return Secp256k1.recoverAddress(transaction.signingHash().value(), signature);
    }
}
