package io.ethbus.primitives;

import io.ethbus.rpc.Excerpt;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The two hex encodings of the JSON-RPC wire: data ({@code "0x0a1b"}, two digits a byte)
 * and quantities ({@code "0xa"}, compact, no leading zeros when encoded). Example:
 * {@code Hex.toLong("0x1b4") == 436}.
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    /** Per Latin-1 character, its value as a hex digit, or -1. */
    private static final byte[] VALUES = new byte[256];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < 16; i++) {
            VALUES["0123456789abcdef".charAt(i)] = (byte) i;
            VALUES["0123456789ABCDEF".charAt(i)] = (byte) i;
        }
    }
    /** uint256 is the widest quantity on the wire. */
    private static final int MAX_QUANTITY_DIGITS = 64;
    /** Up to 15 hex digits always fit a long, so the common case avoids BigInteger parsing. */
    private static final int FAST_PATH_DIGITS = 15;

    private Hex() {
    }

    /** Encodes bytes as data: {@code "0x"} followed by two lowercase digits per byte. */
    public static String encode(byte[] bytes) {
        char[] out = new char[2 + bytes.length * 2];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            out[2 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[3 + 2 * i] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /** Decodes data: {@code "0x"} plus an even number of hex digits; {@code "0x"} is empty. */
    public static byte[] decode(String hex) {
        requirePrefix(hex, "hex data");
        int digits = hex.length() - 2;
        if (digits % 2 != 0) {
            throw new InvalidHexException("invalid hex data '" + Excerpt.of(hex) + "': odd number of digits");
        }
        byte[] out = new byte[digits / 2];
        // a copy of a Latin-1 string's own bytes costs less than a checked charAt per digit; a
        // character beyond Latin-1 becomes '?', which is no digit either
        byte[] text = hex.getBytes(StandardCharsets.ISO_8859_1);
        // one test at the end, not two per byte: any digit that is not one makes bad negative
        int bad = 0;
        for (int i = 0, t = 2; i < out.length; i++, t += 2) {
            int hi = VALUES[text[t] & 0xff];
            int lo = VALUES[text[t + 1] & 0xff];
            bad |= hi | lo;
            out[i] = (byte) ((hi << 4) | lo);
        }
        if (bad < 0) {
            for (int i = 2; i < hex.length(); i++) {
                digit(hex, i, "hex data"); // throws, naming the first
            }
        }
        return out;
    }

    /**
     * Decodes a quantity. Leading zeros are accepted because some nodes send them; more than
     * 64 significant digits (beyond uint256) are not.
     */
    public static BigInteger toBigInteger(String quantity) {
        int first = checkQuantity(quantity);
        int significant = quantity.length() - first;
        if (significant > MAX_QUANTITY_DIGITS) {
            throw new InvalidHexException("invalid quantity '" + Excerpt.of(quantity) + "': more than 256 bits");
        }
        if (significant <= FAST_PATH_DIGITS) {
            return BigInteger.valueOf(parseDigits(quantity, first));
        }
        // from bytes: BigInteger's radix-16 string parser multiplies digit group by digit group,
        // which made signatures (r, s) the costliest fields of a crawled transaction
        byte[] magnitude = new byte[(significant + 1) / 2];
        int i = quantity.length() - 1;
        for (int b = magnitude.length - 1; b >= 0; b--, i -= 2) {
            int low = value(quantity.charAt(i));
            int high = i - 1 >= first ? value(quantity.charAt(i - 1)) : 0;
            magnitude[b] = (byte) (high << 4 | low);
        }
        return new BigInteger(1, magnitude);
    }

    /** Decodes a quantity that must fit a (signed) long. */
    public static long toLong(String quantity) {
        int first = checkQuantity(quantity);
        int significant = quantity.length() - first;
        if (significant > 16 || (significant == 16 && value(quantity.charAt(first)) >= 8)) {
            throw new InvalidHexException("quantity '" + Excerpt.of(quantity) + "' does not fit a long");
        }
        return parseDigits(quantity, first);
    }

    /** Encodes a non-negative number as a compact quantity: 0 is {@code "0x0"}, 10 is {@code "0xa"}. */
    public static String quantity(BigInteger value) {
        if (value.signum() < 0) {
            throw new InvalidHexException("a quantity cannot be negative: " + value);
        }
        return "0x" + value.toString(16);
    }

    /** Encodes a non-negative number as a compact quantity: 0 is {@code "0x0"}, 10 is {@code "0xa"}. */
    public static String quantity(long value) {
        if (value < 0) {
            throw new InvalidHexException("a quantity cannot be negative: " + value);
        }
        return "0x" + Long.toHexString(value);
    }

    /** True when {@code s} is 0x followed by exactly {@code digits} hex digits. */
    static boolean isHexOfLength(String s, int digits) {
        if (s == null || s.length() != digits + 2 || !s.startsWith("0x")) {
            return false;
        }
        for (int i = 2; i < s.length(); i++) {
            if (value(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Validates a quantity and returns the index of its first significant digit. */
    private static int checkQuantity(String quantity) {
        requirePrefix(quantity, "quantity");
        if (quantity.length() == 2) {
            throw new InvalidHexException("invalid quantity '0x': no digits");
        }
        int first = -1;
        for (int i = 2; i < quantity.length(); i++) {
            int d = digit(quantity, i, "quantity");
            if (d != 0 && first < 0) {
                first = i;
            }
        }
        // All zeros: let the last zero stand as the one significant digit.
        return first < 0 ? quantity.length() - 1 : first;
    }

    private static long parseDigits(String s, int from) {
        long v = 0;
        for (int i = from; i < s.length(); i++) {
            v = (v << 4) | value(s.charAt(i));
        }
        return v;
    }

    private static void requirePrefix(String s, String what) {
        if (s == null) {
            throw new InvalidHexException("invalid " + what + ": null");
        }
        if (!s.startsWith("0x")) {
            throw new InvalidHexException("invalid " + what + " '" + Excerpt.of(s) + "': missing 0x prefix");
        }
    }

    private static int digit(String s, int index, String what) {
        int d = value(s.charAt(index));
        if (d < 0) {
            throw new InvalidHexException("invalid " + what + " '" + Excerpt.of(s) + "': '"
                    + s.charAt(index) + "' at position " + index + " is not a hex digit");
        }
        return d;
    }

    /** The value of an ASCII hex digit, or -1; unlike Character.digit, no non-ASCII digits. */
    private static int value(char c) {
        // a table: a node's hex digits come in no order a branch predictor could learn
        return c < VALUES.length ? VALUES[c] : -1;
    }
}
