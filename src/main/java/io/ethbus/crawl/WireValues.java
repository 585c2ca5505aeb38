package io.ethbus.crawl;

import io.ethbus.primitives.Hex;
import io.ethbus.primitives.InvalidHexException;
import io.ethbus.rpc.Excerpt;
import io.ethbus.rpc.JsonCursor;
import io.ethbus.rpc.MalformedResponseException;

import java.util.Locale;

/**
 * Reads the next value of a node's JSON straight into a row value: hex strings stay the
 * node's text (checked, lowercased when needed), quantities become {@code Long}s or decimal
 * strings. Errors name the field's path, such as {@code transaction.gas}, and are
 * {@link MalformedResponseException}s, which the crawl retries.
 */
final class WireValues {
    /** Hex digits of a quantity that always fit a long without a sign problem. */
    private static final int LONG_SAFE_DIGITS = 15;

    private static final byte LOWER = 1;
    private static final byte UPPER = 2;
    /** Per ASCII character: LOWER for 0-9 and a-f, UPPER for A-F, 0 for the rest. */
    private static final byte[] HEX_DIGITS = new byte[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            HEX_DIGITS[c] = LOWER;
        }
        for (char c = 'a'; c <= 'f'; c++) {
            HEX_DIGITS[c] = LOWER;
            HEX_DIGITS[Character.toUpperCase(c)] = UPPER;
        }
    }

    private WireValues() {
    }

    /** A 32-byte hash. */
    static String hash(JsonCursor c, String path) {
        return data(c, path, 64);
    }

    /** A 20-byte address, lowercase whatever the node's spelling. */
    static String address(JsonCursor c, String path) {
        return data(c, path, 40);
    }

    /** Hex data of any even length. */
    static String data(JsonCursor c, String path) {
        return data(c, path, -1);
    }

    /** A quantity that must fit a signed long. */
    static long int64(JsonCursor c, String path) {
        String s = text(c, path);
        try {
            return Hex.toLong(s);
        } catch (InvalidHexException e) {
            throw malformed(path + ": " + e.getMessage());
        }
    }

    /** A quantity of up to 256 bits as a decimal string. */
    static String decimal(JsonCursor c, String path) {
        String s = text(c, path);
        try {
            return s.length() <= 2 + LONG_SAFE_DIGITS ? Long.toString(Hex.toLong(s)) : Hex.toBigInteger(s).toString();
        } catch (InvalidHexException e) {
            throw malformed(path + ": " + e.getMessage());
        }
    }

    /** Thrown for a field that must be there but is absent or null. */
    static MalformedResponseException missing(String path) {
        return malformed(path + " is missing");
    }

    static MalformedResponseException malformed(String reason) {
        return new MalformedResponseException(null, null, reason);
    }

    /** Takes the opening '[' ({@code array}) or '{' of the next value, which must be one. */
    static void open(JsonCursor c, boolean array, String path) {
        int b = c.peek();
        if (b != (array ? '[' : '{')) {
            throw malformed(path + " must be " + (array ? "an array" : "an object") + ", got " + JsonCursor.kind(b));
        }
        c.next();
    }

    /**
     * Fails unless a field holds what the request or the rest of the answer says it must:
     * {@code expected} (checked, lowercase hex or a number) and {@code got} (as sent; hex
     * compared ignoring case). The error names the field and both values.
     */
    static void expect(String path, Object expected, Object got) {
        if (!same(expected, got)) {
            throw malformed(path + ": expected " + shown(expected) + ", got " + shown(got));
        }
    }

    /** {@link #expect(String, Object, Object)} for {@code items[index].field}, the path made only on a mismatch. */
    static void expect(String items, int index, String field, Object expected, Object got) {
        if (!same(expected, got)) {
            expect(items + "[" + index + "]." + field, expected, got);
        }
    }

    /** {@link #expect(String, Object, Object)} for {@code items[index].inner[innerIndex].field}. */
    static void expect(String items, int index, String inner, int innerIndex, String field, Object expected, Object got) {
        if (!same(expected, got)) {
            expect(items + "[" + index + "]." + inner + "[" + innerIndex + "]." + field, expected, got);
        }
    }

    private static boolean same(Object expected, Object got) {
        // hex is checked and lowercased on one side; a node may send the other in capitals
        return expected instanceof String e && got instanceof String g ? e.equals(g) || e.equalsIgnoreCase(g) : expected.equals(got);
    }

    private static String shown(Object value) {
        return value instanceof String s ? "'" + Excerpt.of(s) + "'" : String.valueOf(value);
    }

    /** A string, unchecked: for values compared with a checked one. */
    static String text(JsonCursor c, String path) {
        int b = c.peek();
        if (b != '"') {
            throw malformed(path + " must be a hex string, got " + JsonCursor.kind(b));
        }
        return c.string();
    }

    /** 0x and hex digits ({@code digits} of them, or any even number when negative); lowercased when it is not. */
    private static String data(JsonCursor c, String path, int digits) {
        String s = text(c, path);
        int n = s.length() - 2;
        if (n < 0 || s.charAt(0) != '0' || s.charAt(1) != 'x' || (digits >= 0 ? n != digits : n % 2 != 0)) {
            throw malformed(path + ": '" + Excerpt.of(s) + "' is not 0x and " + (digits >= 0 ? digits : "an even number of")
                    + " hex digits");
        }
        int seen = 0;
        for (int i = 2; i < s.length(); i++) {
            char h = s.charAt(i);
            int kind = h < 128 ? HEX_DIGITS[h] : 0;
            if (kind == 0) {
                throw malformed(path + ": '" + Excerpt.of(s) + "' has a non-hex character at " + i);
            }
            seen |= kind;
        }
        boolean upper = (seen & UPPER) != 0;
        return upper ? s.toLowerCase(Locale.ROOT) : s;
    }
}
