package io.ethbus.crypto;

import io.ethbus.primitives.Bytes;

import java.math.BigInteger;

/**
 * A secp256k1 ECDSA signature: {@code r}, {@code s} (always low-s when made by ethbus) and
 * the recovery id {@code yParity} (0 or 1), from which the signer's public key is recovered.
 */
public record Signature(BigInteger r, BigInteger s, int yParity) {
    public Signature {
        if (r == null || s == null || r.signum() <= 0 || s.signum() <= 0
                || r.compareTo(Secp256k1.N) >= 0 || s.compareTo(Secp256k1.N) >= 0) {
            throw new InvalidSignatureException("r and s must be in 1..n-1");
        }
        if (yParity != 0 && yParity != 1) {
            throw new InvalidSignatureException("yParity must be 0 or 1, got " + yParity);
        }
    }

    /** Reads the 65-byte {@code r || s || v} form; v may be 0/1 or 27/28. */
    public static Signature fromBytes(byte[] rsv) {
        if (rsv.length != 65) {
            throw new InvalidSignatureException("a signature is 65 bytes, got " + rsv.length);
        }
        int v = rsv[64] & 0xff;
        int parity = v >= 27 ? v - 27 : v;
        return new Signature(new BigInteger(1, slice(rsv, 0)), new BigInteger(1, slice(rsv, 32)), parity);
    }

    /** The 65-byte {@code r || s || v} form with v = 27 + yParity, as eth_sign and personal_sign return it. */
    public Bytes toBytes() {
        byte[] out = new byte[65];
        System.arraycopy(Secp256k1.toBytes32(r), 0, out, 0, 32);
        System.arraycopy(Secp256k1.toBytes32(s), 0, out, 32, 32);
        out[64] = (byte) (27 + yParity);
        return Bytes.wrap(out);
    }

    /** True when s is in the lower half of the curve order, as EIP-2 requires of transactions. */
    public boolean isLowS() {
        return s.compareTo(Secp256k1.HALF_N) <= 0;
    }

    private static byte[] slice(byte[] in, int from) {
        byte[] out = new byte[32];
        System.arraycopy(in, from, out, 0, 32);
        return out;
    }
}
