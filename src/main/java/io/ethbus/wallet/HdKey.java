package io.ethbus.wallet;

import io.ethbus.crypto.Account;
import io.ethbus.crypto.Secp256k1;
import io.ethbus.primitives.Bytes;
import org.bouncycastle.crypto.digests.RIPEMD160Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.BigIntegers;

import javax.security.auth.Destroyable;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * A BIP-32 extended private key on secp256k1: a private key, its chain code, and where it sits
 * in the tree (depth, parent fingerprint, child number). Neither the key nor the chain code is
 * in {@link #toString()}; {@link #destroy()} zeroes both once the key is no longer needed.
 * Thread-safe: the methods that read the key or chain code hold the key's lock, so that a
 * {@link #destroy()} from another thread never zeroes them halfway through a derivation.
 *
 * <pre>HdKey master = HdKey.fromSeed(seed);  Account a = master.derive(DerivationPath.parse("m/44'/60'/0'/0/0")).account();</pre>
 */
public final class HdKey implements Destroyable {
    private static final byte[] MASTER_HMAC_KEY = "Bitcoin seed".getBytes(StandardCharsets.US_ASCII);
    private static final int XPRV_VERSION = 0x0488ADE4;
    private static final int XPUB_VERSION = 0x0488B21E;

    private final byte[] privateKey;
    private final byte[] chainCode;
    private final int depth;
    private final int parentFingerprint;
    private final int childNumber;
    private final byte[] publicKey;
    private boolean destroyed; // guarded by this

    private HdKey(byte[] privateKey, byte[] chainCode, int depth, int parentFingerprint, int childNumber) {
        this.privateKey = privateKey;
        this.chainCode = chainCode;
        this.depth = depth;
        this.parentFingerprint = parentFingerprint;
        this.childNumber = childNumber;
        this.publicKey = compressedPublicKey(privateKey);
    }

    /**
     * The master key of a seed (16 to 64 bytes; BIP-39 gives 64): HMAC-SHA512 keyed with
     * "Bitcoin seed", the left half the key, the right half the chain code.
     *
     * @throws InvalidSeedException when {@code seed} is null or not 16 to 64 bytes
     */
    public static HdKey fromSeed(byte[] seed) {
        if (seed == null || seed.length < 16 || seed.length > 64) {
            throw new InvalidSeedException("a BIP-32 seed is 16 to 64 bytes, got " + (seed == null ? "null" : seed.length));
        }
        byte[] i = hmacSha512(MASTER_HMAC_KEY, seed);
        try {
            byte[] key = Arrays.copyOfRange(i, 0, 32);
            BigInteger k = new BigInteger(1, key);
            if (k.signum() == 0 || k.compareTo(Secp256k1.N) >= 0) {
                Arrays.fill(key, (byte) 0);
                throw new InvalidChildKeyException("this seed gives no valid BIP-32 master key");
            }
            return new HdKey(key, Arrays.copyOfRange(i, 32, 64), 0, 0, 0);
        } finally {
            Arrays.fill(i, (byte) 0);
        }
    }

    /**
     * The key at {@code path} below this one (for a path from {@code m}, call it on the master key).
     * The intermediate keys are zeroed on the way, also when a step fails.
     */
    public HdKey derive(DerivationPath path) {
        return derive(path, HdKey::child);
    }

    /** {@link #derive(DerivationPath)} with each step taken by {@code child}, so a failing step can be tested. */
    HdKey derive(DerivationPath path, BiFunction<HdKey, Integer, HdKey> child) {
        HdKey current = this;
        boolean derived = false;
        try {
            for (int index : path.indices()) {
                HdKey next = child.apply(current, index);
                if (current != this) {
                    current.destroy();
                }
                current = next;
            }
            derived = true;
            return current;
        } finally {
            // A step that fails part-way down the path leaves the key above it: zero it too.
            if (!derived && current != this) {
                current.destroy();
            }
        }
    }

    /**
     * The child with child number {@code index}: hardened when bit 31 is set
     * ({@link DerivationPath#HARDENED}), which hashes the private key instead of the public one.
     *
     * @throws InvalidChildKeyException in the ~2^-127 case where BIP-32 gives no key for {@code index}
     */
    public synchronized HdKey child(int index) {
        requireLive();
        byte[] data = new byte[37];
        if (DerivationPath.isHardened(index)) {
            System.arraycopy(privateKey, 0, data, 1, 32);
        } else {
            System.arraycopy(publicKey, 0, data, 0, 33);
        }
        ByteBuffer.wrap(data, 33, 4).putInt(index);
        byte[] i = hmacSha512(chainCode, data);
        Arrays.fill(data, (byte) 0);
        try {
            BigInteger tweak = new BigInteger(1, Arrays.copyOfRange(i, 0, 32));
            BigInteger k = tweak.add(new BigInteger(1, privateKey)).mod(Secp256k1.N);
            if (tweak.compareTo(Secp256k1.N) >= 0 || k.signum() == 0) {
                throw new InvalidChildKeyException("child " + (index & ~DerivationPath.HARDENED) + " has no valid key; use the next index");
            }
            return new HdKey(BigIntegers.asUnsignedByteArray(32, k), Arrays.copyOfRange(i, 32, 64),
                    depth + 1, fingerprint(), index);
        } finally {
            Arrays.fill(i, (byte) 0);
        }
    }

    /** The Ethereum account of this key. */
    public synchronized Account account() {
        requireLive();
        return Account.fromPrivateKey(privateKey);
    }

    /** The 33-byte compressed public key (SEC1, 0x02 or 0x03 then x). */
    public Bytes publicKey() {
        return Bytes.wrap(publicKey.clone());
    }

    /** A copy of the 32-byte chain code. */
    public synchronized byte[] chainCode() {
        requireLive();
        return chainCode.clone();
    }

    /** Levels below the master key (0 for the master). */
    public int depth() {
        return depth;
    }

    /** The child number this key was derived with (0 for the master), hardened ones with bit 31. */
    public int childNumber() {
        return childNumber;
    }

    /** The first 4 bytes of HASH160 of the public key, which a child records as its parent's. */
    public int fingerprint() {
        byte[] sha = Sha256.hash(publicKey);
        RIPEMD160Digest ripemd = new RIPEMD160Digest();
        ripemd.update(sha, 0, sha.length);
        byte[] hash160 = new byte[20];
        ripemd.doFinal(hash160, 0);
        return ByteBuffer.wrap(hash160).getInt();
    }

    /** The extended private key in BIP-32's Base58Check form ({@code xprv...}). Secret: keep it out of logs. */
    public synchronized String toXprv() {
        requireLive();
        byte[] keyData = new byte[33];
        System.arraycopy(privateKey, 0, keyData, 1, 32);
        try {
            return serialize(XPRV_VERSION, keyData);
        } finally {
            Arrays.fill(keyData, (byte) 0);
        }
    }

    /** The extended public key in BIP-32's Base58Check form ({@code xpub...}). */
    public synchronized String toXpub() {
        return serialize(XPUB_VERSION, publicKey);
    }

    /** Zeroes the private key and the chain code; the key can derive and sign no more. */
    @Override
    public synchronized void destroy() {
        Arrays.fill(privateKey, (byte) 0);
        Arrays.fill(chainCode, (byte) 0);
        destroyed = true;
    }

    /** True once {@link #destroy()} has run. */
    @Override
    public synchronized boolean isDestroyed() {
        return destroyed;
    }

    /** Where the key sits, never the key or chain code. */
    @Override
    public String toString() {
        return "HdKey[depth=" + depth + ", child=" + (childNumber & ~DerivationPath.HARDENED)
                + (DerivationPath.isHardened(childNumber) ? "'" : "") + "]";
    }

    private String serialize(int version, byte[] keyData) {
        ByteBuffer out = ByteBuffer.allocate(78);
        out.putInt(version).put((byte) depth).putInt(parentFingerprint).putInt(childNumber).put(chainCode).put(keyData);
        byte[] payload = out.array();
        try {
            return Base58Check.encode(payload);
        } finally {
            Arrays.fill(payload, (byte) 0);
        }
    }

    private void requireLive() {
        if (destroyed) {
            throw new IllegalStateException("this HdKey was destroyed");
        }
    }

    private static byte[] compressedPublicKey(byte[] privateKey) {
        byte[] xy = Secp256k1.publicKey(new BigInteger(1, privateKey));
        byte[] compressed = new byte[33];
        compressed[0] = (byte) ((xy[63] & 1) == 0 ? 0x02 : 0x03);
        System.arraycopy(xy, 0, compressed, 1, 32);
        return compressed;
    }

    private static byte[] hmacSha512(byte[] key, byte[] data) {
        HMac mac = new HMac(new SHA512Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[64];
        mac.doFinal(out, 0);
        return out;
    }
}
