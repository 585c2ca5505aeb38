package io.ethbus.wallet;

import java.math.BigInteger;
import java.util.Arrays;

/** Bitcoin's Base58Check text form, which BIP-32 uses for extended keys (xprv, xpub). */
final class Base58Check {
    private static final char[] ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final BigInteger BASE = BigInteger.valueOf(58);

    private Base58Check() {
    }

    /** {@code payload} followed by the first 4 bytes of its double SHA-256, in Base58. */
    static String encode(byte[] payload) {
        byte[] checksum = Sha256.hash(Sha256.hash(payload));
        byte[] data = Arrays.copyOf(payload, payload.length + 4);
        System.arraycopy(checksum, 0, data, payload.length, 4);
        StringBuilder sb = new StringBuilder();
        BigInteger value = new BigInteger(1, data);
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            sb.append(ALPHABET[qr[1].intValue()]);
            value = qr[0];
        }
        // Each leading zero byte is written as a leading '1'.
        for (int i = 0; i < data.length && data[i] == 0; i++) {
            sb.append(ALPHABET[0]);
        }
        Arrays.fill(data, (byte) 0);
        return sb.reverse().toString();
    }
}
