package io.ethbus.crypto;

import io.ethbus.primitives.Keccak;
import io.ethbus.primitives.Address;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The secp256k1 operations Ethereum needs: deterministic signing (RFC 6979) with low-s
 * normalisation and a recovery id, public-key recovery, and address derivation.
 * Stateless; every method is thread-safe.
 */
public final class Secp256k1 {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    /** The order of the curve's group. */
    public static final BigInteger N = CURVE.getN();
    static final BigInteger HALF_N = N.shiftRight(1);
    private static final ECPoint G = CURVE.getG();

    private Secp256k1() {
    }

    /**
     * Signs a 32-byte hash. k follows RFC 6979 (HMAC-SHA256), so the same key and hash always
     * give the same signature; s is normalised to the lower half of the order (EIP-2).
     */
    public static Signature sign(byte[] hash, BigInteger privateKey) {
        requireHash(hash);
        checkPrivateKey(privateKey);
        BigInteger e = new BigInteger(1, hash);
        HMacDSAKCalculator kCalculator = new HMacDSAKCalculator(new SHA256Digest());
        kCalculator.init(N, privateKey, hash);
        // Bounded in practice: a retry happens with probability ~2^-128 per round.
        for (int attempt = 0; attempt < 16; attempt++) {
            BigInteger k = kCalculator.nextK();
            ECPoint point = new FixedPointCombMultiplier().multiply(G, k).normalize();
            BigInteger x = point.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            BigInteger s = k.modInverse(N).multiply(e.add(r.multiply(privateKey))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            int recId = (point.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
            if (s.compareTo(HALF_N) > 0) {
                // -s is as valid as s; it belongs to the point with the other y, so the parity flips.
                s = N.subtract(s);
                recId ^= 1;
            }
            if (recId > 1) {
                continue; // x >= n happens with probability ~2^-127; yParity cannot express it
            }
            return new Signature(r, s, recId);
        }
        throw new IllegalStateException("no valid signature after 16 rounds");
    }

    /** The 64-byte uncompressed public key (x || y, without the 0x04 prefix) of a private key. */
    public static byte[] publicKey(BigInteger privateKey) {
        checkPrivateKey(privateKey);
        return encode(new FixedPointCombMultiplier().multiply(G, privateKey));
    }

    /** Recovers the 64-byte public key that made {@code signature} over {@code hash}. */
    public static byte[] recoverPublicKey(byte[] hash, Signature signature) {
        requireHash(hash);
        BigInteger r = signature.r();
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (signature.yParity() == 0 ? 0x02 : 0x03);
        System.arraycopy(toBytes32(r), 0, compressed, 1, 32);
        ECPoint rPoint;
        try {
            rPoint = CURVE.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException e) {
            throw new InvalidSignatureException("r is not the x coordinate of a curve point");
        }
        BigInteger rInv = r.modInverse(N);
        BigInteger e = new BigInteger(1, hash);
        // Q = r^-1 (s*R - e*G)
        BigInteger u1 = N.subtract(e).multiply(rInv).mod(N);
        BigInteger u2 = signature.s().multiply(rInv).mod(N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(G, u1, rPoint, u2);
        if (q.isInfinity()) {
            throw new InvalidSignatureException("the signature recovers to the point at infinity");
        }
        return encode(q);
    }

    /** The address of the account that made {@code signature} over {@code hash}. */
    public static Address recoverAddress(byte[] hash, Signature signature) {
        return address(recoverPublicKey(hash, signature));
    }

    /** The address of a 64-byte public key: the last 20 bytes of its Keccak-256 hash. */
    public static Address address(byte[] publicKey) {
        if (publicKey.length != 64) {
            throw new InvalidSignatureException("a public key is 64 bytes, got " + publicKey.length);
        }
        byte[] hash = Keccak.keccak256(publicKey);
        return new Address(Arrays.copyOfRange(hash, 12, 32));
    }

    static void checkPrivateKey(BigInteger privateKey) {
        if (privateKey == null || privateKey.signum() <= 0 || privateKey.compareTo(N) >= 0) {
            throw new InvalidPrivateKeyException("a private key must be in 1..n-1 of secp256k1");
        }
    }

    /** Unsigned big-endian, left-padded to 32 bytes. */
    static byte[] toBytes32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] encode(ECPoint point) {
        byte[] uncompressed = point.normalize().getEncoded(false);
        return Arrays.copyOfRange(uncompressed, 1, 65);
    }

    private static void requireHash(byte[] hash) {
        if (hash == null || hash.length != 32) {
            throw new InvalidSignatureException("a message hash is 32 bytes, got " + (hash == null ? "null" : hash.length));
        }
    }
}
