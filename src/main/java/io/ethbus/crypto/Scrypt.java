package io.ethbus.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.Pack;

/**
 * scrypt (RFC 7914) on BouncyCastle's Salsa20 core and PBKDF2. BouncyCastle's own SCrypt
 * enforces RFC 7914's N &lt; 2^(16r), which rejects keystores that geth writes and reads
 * (the Web3 Secret Storage test vector itself has r = 1 and N = 2^18), so the mixing
 * loop is done here.
 */
final class Scrypt {
    private Scrypt() {
    }

    static byte[] derive(byte[] password, byte[] salt, int n, int r, int p, int dkLen) {
        int blockWords = 32 * r;
        byte[] b = pbkdf2(password, salt, p * 128 * r);
        int[] x = new int[blockWords];
        int[] v = new int[n * blockWords];
        for (int i = 0; i < p; i++) {
            Pack.littleEndianToInt(b, i * 128 * r, x);
            roMix(x, v, n, r);
            for (int w = 0; w < blockWords; w++) {
                Pack.intToLittleEndian(x[w], b, i * 128 * r + 4 * w);
            }
        }
        return pbkdf2(password, b, dkLen);
    }

    private static void roMix(int[] x, int[] v, int n, int r) {
        int words = x.length;
        int[] t1 = new int[16];
        int[] t2 = new int[16];
        int[] y = new int[words];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, 0, v, i * words, words);
            blockMix(x, t1, t2, y, r);
        }
        int mask = n - 1; // n is a power of two
        for (int i = 0; i < n; i++) {
            int j = x[words - 16] & mask;
            int base = j * words;
            for (int w = 0; w < words; w++) {
                x[w] ^= v[base + w];
            }
            blockMix(x, t1, t2, y, r);
        }
    }

    /** scrypt's BlockMix: Salsa20/8 over the 2r 64-byte blocks, even outputs first, then odd. */
    private static void blockMix(int[] b, int[] t1, int[] t2, int[] y, int r) {
        System.arraycopy(b, b.length - 16, t1, 0, 16);
        int half = b.length / 2;
        for (int i = 0; i < 2 * r; i++) {
            for (int w = 0; w < 16; w++) {
                t2[w] = t1[w] ^ b[i * 16 + w];
            }
            Salsa20Engine.salsaCore(8, t2, t1);
            int out = (i % 2 == 0 ? 0 : half) + (i / 2) * 16;
            System.arraycopy(t1, 0, y, out, 16);
        }
        System.arraycopy(y, 0, b, 0, b.length);
    }

    private static byte[] pbkdf2(byte[] password, byte[] salt, int length) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(password, salt, 1);
        return ((KeyParameter) generator.generateDerivedParameters(length * 8)).getKey();
    }
}
