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

    /** The bytes for eth_sendRawTransaction. */
    public Bytes raw() {
        return transaction.encode(signature);
    }

    /** The transaction hash, keccak256 of the raw bytes, as nodes report it. */
    public Hash hash() {
        return new Hash(Keccak.keccak256(raw().value()));
    }

    /** The address that signed, recovered from the signature. */
    public Address sender() {
        return Secp256k1.recoverAddress(transaction.signingHash().value(), signature);
    }
}
