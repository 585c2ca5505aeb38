package io.ethbus.primitives;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 as Ethereum uses it: the original Keccak padding, not the NIST SHA3-256 one,
 * so the two give different hashes for the same input.
 */
public final class Keccak {
    private static final int BITS = 256;

    private Keccak() {
    }

    /**
     * Hashes the input; a fresh digest per call keeps this thread-safe.
     * Example: {@code Keccak.keccak256("abc".getBytes(US_ASCII))}.
     */
    public static byte[] keccak256(byte[] input) {
        KeccakDigest digest = new KeccakDigest(BITS);
        digest.update(input, 0, input.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }
}
