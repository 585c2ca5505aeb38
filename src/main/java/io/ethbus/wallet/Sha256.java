package io.ethbus.wallet;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which BIP-39 checksums and Base58Check use. */
final class Sha256 {
    private Sha256() {
    }

    static byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
