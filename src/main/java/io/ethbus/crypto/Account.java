package io.ethbus.crypto;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.typeddata.TypedData;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * A secp256k1 key pair that signs for one address. The private key stays inside: it is not
 * in {@link #toString()}, in any exception message, or reachable from outside this package.
 *
 * <pre>Account alice = Account.fromPrivateKey("0xac0974be...");  Signature sig = alice.sign(hash);</pre>
 */
public final class Account {
    private static final int KEY_LENGTH = 32;

    private final BigInteger privateKey;
    private final Bytes publicKey;
    private final Address address;

    private Account(BigInteger privateKey) {
        Secp256k1.checkPrivateKey(privateKey);
        this.privateKey = privateKey;
        this.publicKey = Bytes.wrap(Secp256k1.publicKey(privateKey));
        this.address = Secp256k1.address(publicKey.value());
    }

    /** From 64 hex digits, with or without 0x. A malformed key fails without echoing it. */
    public static Account fromPrivateKey(String hex) {
        if (hex == null) {
            throw new InvalidPrivateKeyException("private key is null");
        }
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != KEY_LENGTH * 2) {
            throw new InvalidPrivateKeyException("a private key is " + KEY_LENGTH * 2 + " hex digits, got " + digits.length());
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), 16) < 0 || digits.charAt(i) > 'f') {
                throw new InvalidPrivateKeyException("a private key contains a non-hex character at position " + i);
            }
        }
        return new Account(new BigInteger(digits, 16));
    }

    /** From the 32-byte big-endian key. */
    public static Account fromPrivateKey(byte[] key) {
        if (key == null || key.length != KEY_LENGTH) {
            throw new InvalidPrivateKeyException("a private key is " + KEY_LENGTH + " bytes, got "
                    + (key == null ? "null" : key.length));
        }
        return new Account(new BigInteger(1, key));
    }

    /** A fresh random account from a new {@link SecureRandom}. */
    public static Account generate() {
        return generate(new SecureRandom());
    }

    /** A fresh random account drawn from {@code random}. */
    public static Account generate(SecureRandom random) {
        // Rejection sampling keeps the key uniform in 1..n-1; two rounds are rare, many are impossible in practice.
        for (int attempt = 0; attempt < 64; attempt++) {
            byte[] candidate = new byte[KEY_LENGTH];
            random.nextBytes(candidate);
            BigInteger k = new BigInteger(1, candidate);
            if (k.signum() > 0 && k.compareTo(Secp256k1.N) < 0) {
                return new Account(k);
            }
        }
        throw new IllegalStateException("the random source gave no usable key in 64 draws");
    }

    public Address address() {
        return address;
    }

    /** The 64-byte uncompressed public key (x || y). */
    public Bytes publicKey() {
        return publicKey;
    }

    /** Signs a 32-byte hash (RFC 6979, low-s). */
    public Signature sign(byte[] hash) {
        return Secp256k1.sign(hash, privateKey);
    }

    /** Signs a hash (RFC 6979, low-s). */
    public Signature sign(Hash hash) {
        return sign(hash.value());
    }

    /** Signs EIP-712 typed data: its {@link TypedData#hash()}, as eth_signTypedData_v4 does. */
    public Signature signTypedData(TypedData data) {
        return TypedDataSigner.sign(this, data);
    }

    /** Signs the JSON that eth_signTypedData_v4 takes; bad input is an InvalidTypedDataException. */
    public Signature signTypedData(String json) {
        return signTypedData(TypedData.fromJson(json));
    }

    /** The 32-byte key, for the keystore in this package only. */
    byte[] privateKeyBytes() {
        return Secp256k1.toBytes32(privateKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account other && address.equals(other.address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    /** The address only, never the key. */
    @Override
    public String toString() {
        return "Account[" + address.toChecksumHex() + "]";
    }
}
