package io.ethbus.crawl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.ethbus.eth.Hex;
import io.ethbus.eth.InvalidHexException;
import io.ethbus.rpc.Excerpt;
import io.ethbus.rpc.MalformedResponseException;

import java.io.IOException;
import java.util.Locale;

/**
 * Reads the current value of a node's JSON straight into a row value: hex strings stay the
 * node's text (checked, lowercased when needed), quantities become {@code Long}s or decimal
 * strings. Errors name the field's path, such as {@code transaction.gas}, and are
 * {@link MalformedResponseException}s, which the crawl retries.
 */
final class WireValues {
    /** Hex digits of a quantity that always fit a long without a sign problem. */
    private static final int LONG_SAFE_DIGITS = 15;

    private WireValues() {
    }

    /** A 32-byte hash. */
    static String hash(JsonParser p, String path) throws IOException {
        return data(p, path, 64);
    }

    /** A 20-byte address, lowercase whatever the node's spelling. */
    static String address(JsonParser p, String path) throws IOException {
        return data(p, path, 40);
    }

    /** Hex data of any even length. */
    static String data(JsonParser p, String path) throws IOException {
        return data(p, path, -1);
    }

    /** A quantity that must fit a signed long. */
    static long int64(JsonParser p, String path) throws IOException {
        String s = text(p, path);
        try {
            return Hex.toLong(s);
        } catch (InvalidHexException e) {
            throw malformed(path + ": " + e.getMessage());
        }
    }

    /** A quantity of up to 256 bits as a decimal string. */
    static String decimal(JsonParser p, String path) throws IOException {
        String s = text(p, path);
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

    /** Expects {@code expected} as the current token. */
    static void expect(JsonParser p, JsonToken expected, String path) {
        if (p.currentToken() != expected) {
            throw malformed(path + " must be " + (expected == JsonToken.START_ARRAY ? "an array" : "an object")
                    + ", got " + p.currentToken());
        }
    }

    private static String text(JsonParser p, String path) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw malformed(path + " must be a hex string, got " + p.currentToken());
        }
        return p.getText();
    }

    /** 0x and hex digits ({@code digits} of them, or any even number when negative); lowercased when it is not. */
    private static String data(JsonParser p, String path, int digits) throws IOException {
        String s = text(p, path);
        int n = s.length() - 2;
        if (n < 0 || s.charAt(0) != '0' || s.charAt(1) != 'x' || (digits >= 0 ? n != digits : n % 2 != 0)) {
            throw malformed(path + ": '" + Excerpt.of(s) + "' is not 0x and " + (digits >= 0 ? digits : "an even number of")
                    + " hex digits");
        }
        boolean upper = false;
        for (int i = 2; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'F') {
                upper = true;
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw malformed(path + ": '" + Excerpt.of(s) + "' has a non-hex character at " + i);
            }
        }
        return upper ? s.toLowerCase(Locale.ROOT) : s;
    }
}
