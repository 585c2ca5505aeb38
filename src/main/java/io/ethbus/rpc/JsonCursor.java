package io.ethbus.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A forward-only position in JSON text held as chunks, that steps over whole values while
 * checking their syntax without making tokens, names or strings: the JSON-RPC envelope only
 * needs to know where a result starts and ends, and a general parser spent most of a
 * crawl's decoding time on names and strings inside results it then skipped. Strings are
 * checked for escapes, control characters and the shape of their UTF-8. Readers of known
 * shapes (the crawl's rows) also use it on results the envelope scan has checked, reading
 * member names as bytes and strings without a parser's bookkeeping. Not thread-safe; one
 * per scan. From {@link RawJson#cursor()}.
 */
public final class JsonCursor {
    /** As deep as Jackson's default nesting limit: deeper text is refused, not recursed into. */
    private static final int MAX_DEPTH = 1000;

    private final byte[][] chunks;
    private final int[] ends;
    /** Absolute offsets (counted from the first chunk's first byte) of the text's first byte and its end. */
    private final int textStart;
    private final int textEnd;
    /** Set by {@link #skipStringBody()} when the string held an escape or a multi-byte character. */
    private boolean plain;
    private int chunk;
    private byte[] buf;
    /** Next byte to read in {@code buf}, and where the text ends within {@code buf}. */
    private int pos;
    private int limit;

    JsonCursor(byte[][] chunks, int[] ends, int chunk, int start, int length) {
        this.chunks = chunks;
        this.ends = ends;
        this.textStart = start;
        this.textEnd = start + length;
        enter(chunk, start - chunkStart(chunk));
    }

    /** Thrown for text that is not JSON; {@code truncated} when the text ended inside a value. */
    public static final class SyntaxException extends MalformedResponseException {
        private final int position;
        private final boolean truncated;

        SyntaxException(String reason, int position, boolean truncated) {
            super(null, null, reason + " at byte " + position);
            this.position = position;
            this.truncated = truncated;
        }

        public int position() {
            return position;
        }

        boolean truncated() {
            return truncated;
        }
    }

    /** Offset of the next byte from the text's start. */
    public int position() {
        return chunkStart(chunk) + pos - textStart;
    }

    /** Skips white space and returns the next byte without taking it, or -1 at the end of the text. */
    public int peek() {
        for (;;) {
            while (pos < limit) {
                byte b = buf[pos];
                if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    return b & 0xff;
                }
                pos++;
            }
            if (!nextChunk()) {
                return -1;
            }
        }
    }

    /**
     * What kind of value starts with byte {@code first} (as {@link #peek()} gives it), for
     * error messages: {@code OBJECT}, {@code ARRAY}, {@code STRING}, {@code NUMBER},
     * {@code BOOLEAN}, {@code NULL}, {@code MISSING} at the end, {@code INVALID} for no value.
     */
    public static String kind(int first) {
        return switch (first) {
            case '[' -> "ARRAY";
            case '{' -> "OBJECT";
            case '"' -> "STRING";
            case 't', 'f' -> "BOOLEAN";
            case 'n' -> "NULL";
            case -1 -> "MISSING";
            default -> first == '-' || (first >= '0' && first <= '9') ? "NUMBER" : "INVALID";
        };
    }

    /** Steps over a UTF-8 byte order mark at the very start of the text, as Jackson does. */
    public void skipByteOrderMark() {
        if (position() == 0 && textEnd - textStart >= 3
                && Arrays.equals(bytes(0, 3), new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf})) {
            for (int i = 0; i < 3; i++) {
                rawByte();
            }
        }
    }

    /** Skips white space and takes the next byte; the text must not end here. */
    public int next() {
        int b = peek();
        if (b < 0) {
            throw truncated();
        }
        pos++;
        return b;
    }

    /** Takes the next byte, which must be {@code expected}. */
    public void expect(char expected, String what) {
        int b = next();
        if (b != expected) {
            throw unexpected(b, what);
        }
    }

    /**
     * After an object's opening brace or a member's value: true when another member follows
     * (its separating comma taken), false at the closing brace (taken).
     */
    public boolean nextMember(boolean first) {
        int b = next();
        if (b == '}') {
            return false;
        }
        if (!first) {
            if (b != ',') {
                throw unexpected(b, "',' or '}'");
            }
            b = next();
        }
        if (b != '"') {
            throw unexpected(b, "a member name");
        }
        pos--;
        return true;
    }

    /** As {@link #nextMember(boolean)} for an array: true when another element follows. */
    public boolean nextElement(boolean first) {
        int b = peek();
        if (b == ']') {
            pos++;
            return false;
        }
        if (!first) {
            if (b != ',') {
                throw unexpected(next(), "',' or ']'");
            }
            pos++;
        }
        return true;
    }

    /**
     * Reads a member name and its colon, the cursor on the name's opening quote; returns
     * the index of the name in {@code names} (ASCII, compared byte for byte, or as decoded
     * when the name is written with escapes), or -1 for any other name.
     */
    public int memberName(MemberNames names) {
        expect('"', "a member name");
        byte[] startBuf = buf;
        int startPos = pos;
        int start = position();
        plain = true;
        int length = skipStringBody() - 1;
        boolean inOneChunk = startBuf == buf && pos - 1 - startPos == length;
        // compared as bytes where they can be; a name with escapes or multi-byte characters as the tree path reads it
        int match = plain && inOneChunk ? names.indexOf(startBuf, startPos, length)
                : names.indexOf(plain ? text(start, start + length) : unescaped(start, length));
        expect(':', "':'");
        return match;
    }

    /** Steps over one value, whatever it is, checking its syntax. */
    public void skipValue() {
        skipValue(0);
    }

    /**
     * Reads an integer that fits a long, or returns null for JSON null. Any other value is
     * a {@link NumberFormatException}; the cursor is then past it.
     */
    public Long longOrNull() {
        int b = peek();
        int start = position();
        skipValue();
        if (b == 'n') {
            return null;
        }
        if (b != '-' && (b < '0' || b > '9')) {
            throw new NumberFormatException("not a number");
        }
        return Long.parseLong(text(start, position())); // refuses fractions, exponents and overflow
    }

    /**
     * Reads a string value, the cursor before it (a {@link SyntaxException} for any other
     * value). Plain ASCII, the usual case for a node's hex, becomes a String in one copy.
     */
    public String string() {
        expect('"', "a string");
        byte[] startBuf = buf;
        int startPos = pos;
        int start = position();
        plain = true;
        int length = skipStringBody() - 1;
        if (plain) {
            return startBuf == buf && pos - 1 - startPos == length
                    ? new String(startBuf, startPos, length, StandardCharsets.ISO_8859_1)
                    : new String(bytes(start, start + length), StandardCharsets.ISO_8859_1);
        }
        return unescaped(start, length);
    }

    /** The string whose body (escapes or multi-byte characters in it) starts at {@code start}. */
    private String unescaped(int start, int length) {
        try {
            // rare in a node's answers, so the general parser reads them
            return JsonRpcCodec.mapper().readValue(bytes(start - 1, start + length + 1), String.class);
        } catch (java.io.IOException e) {
            throw new SyntaxException("unreadable string: " + e.getMessage(), start, false);
        }
    }

    /** Reads a member name and its colon, the cursor before the name, as a String. */
    public String name() {
        String name = string();
        expect(':', "':'");
        return name;
    }

    /**
     * Reads the next value as a tree, as ethbus's mapper would (integers as BigInteger
     * nodes, fractions as doubles): for small values, one log or transaction of a large
     * answer, without a parser's tokens in between.
     */
    public JsonNode readTree() {
        return readTree(0);
    }

    private JsonNode readTree(int depth) {
        int b = peek();
        switch (b) {
            case '{' -> {
                checkDepth(depth);
                next();
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                for (boolean first = true; nextMember(first); first = false) {
                    String name = name();
                    object.set(name, readTree(depth + 1));
                }
                return object;
            }
            case '[' -> {
                checkDepth(depth);
                next();
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                for (boolean first = true; nextElement(first); first = false) {
                    array.add(readTree(depth + 1));
                }
                return array;
            }
            case '"' -> {
                return TextNode.valueOf(string());
            }
            case 't', 'f', 'n' -> {
                skipValue();
                return b == 't' ? BooleanNode.TRUE : b == 'f' ? BooleanNode.FALSE : NullNode.getInstance();
            }
            default -> {
                int start = position();
                skipValue(); // a syntax error for anything that is not a number
                String number = text(start, position());
                boolean integral = number.indexOf('.') < 0 && number.indexOf('e') < 0 && number.indexOf('E') < 0;
                return integral ? BigIntegerNode.valueOf(new BigInteger(number)) : DoubleNode.valueOf(Double.parseDouble(number));
            }
        }
    }

    private void skipValue(int depth) {
        int b = next();
        switch (b) {
            case '{' -> {
                checkDepth(depth);
                for (boolean first = true; nextMember(first); first = false) {
                    pos++; // the opening quote nextMember left
                    skipStringBody();
                    expect(':', "':'");
                    skipValue(depth + 1);
                }
            }
            case '[' -> {
                checkDepth(depth);
                for (boolean first = true; nextElement(first); first = false) {
                    skipValue(depth + 1);
                }
            }
            case '"' -> skipStringBody();
            case 't' -> literal("rue");
            case 'f' -> literal("alse");
            case 'n' -> literal("ull");
            default -> {
                if (b == '-' || (b >= '0' && b <= '9')) {
                    number(b);
                } else {
                    throw unexpected(b, "a value");
                }
            }
        }
    }

    private void checkDepth(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new SyntaxException("nested deeper than " + MAX_DEPTH, position(), false);
        }
    }

    /** Takes the rest of a string after its opening quote; returns the bytes taken, closing quote included. */
    private int skipStringBody() {
        int taken = 0;
        for (;;) {
            int p = JsonBytes.plainRun(buf, pos, limit);
            taken += p - pos;
            pos = p;
            if (p < limit) {
                byte b = buf[pos++];
                taken++;
                if (b == '"') {
                    return taken;
                }
                plain = false;
                if (b == '\\') {
                    taken += escape();
                } else if (b < 0) {
                    taken += utf8Rest(b & 0xff);
                } else {
                    throw new SyntaxException("unescaped control character " + b + " in a string", position() - 1, false);
                }
            } else if (!nextChunk()) {
                throw truncated();
            }
        }
    }

    /** The continuation bytes of a UTF-8 character after its lead byte; returns how many. */
    private int utf8Rest(int lead) {
        // the lead bytes Jackson accepts, so that a value the scan lets through is one the parser reads
        int more = lead >= 0xc0 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf7 ? 3 : -1;
        if (more < 0) {
            throw new SyntaxException("invalid UTF-8 start byte 0x" + Integer.toHexString(lead), position() - 1, false);
        }
        for (int i = 0; i < more; i++) {
            int c = rawByte();
            if ((c & 0xc0) != 0x80) {
                throw new SyntaxException("invalid UTF-8 continuation byte 0x" + Integer.toHexString(c), position() - 1, false);
            }
        }
        return more;
    }

    /** The rest of an escape after its backslash; returns the bytes taken. */
    private int escape() {
        int e = rawByte();
        switch (e) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return 1;
            }
            case 'u' -> {
                for (int i = 0; i < 4; i++) {
                    int h = rawByte();
                    if (Character.digit(h, 16) < 0) {
                        throw new SyntaxException("bad \\u escape in a string", position() - 1, false);
                    }
                }
                return 5;
            }
            default -> throw new SyntaxException("bad escape \\" + (char) e + " in a string", position() - 1, false);
        }
    }

    private void literal(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            int b = rawByte();
            if (b != rest.charAt(i)) {
                throw new SyntaxException("unrecognized token", position() - 1, false);
            }
        }
        endOfToken();
    }

    /** The rest of a number after its first byte {@code first}, by JSON's grammar. */
    private void number(int first) {
        int b = first;
        if (b == '-') {
            b = rawByte();
            if (b < '0' || b > '9') {
                throw new SyntaxException("a minus sign without digits", position() - 1, false);
            }
        }
        if (b != '0') {
            digits();
        }
        if (peekRaw() == '.') {
            pos++;
            requireDigit("a fraction");
            digits();
        }
        int e = peekRaw();
        if (e == 'e' || e == 'E') {
            pos++;
            int sign = peekRaw();
            if (sign == '+' || sign == '-') {
                pos++;
            }
            requireDigit("an exponent");
            digits();
        }
        endOfToken();
    }

    private void requireDigit(String what) {
        int b = rawByte();
        if (b < '0' || b > '9') {
            throw new SyntaxException(what + " without digits", position() - 1, b < 0);
        }
    }

    private void digits() {
        for (int c = peekRaw(); c >= '0' && c <= '9'; c = peekRaw()) {
            pos++;
        }
    }

    /** A literal or number must be followed by white space, a separator or the end. */
    private void endOfToken() {
        int b = peekRaw();
        if (b >= 0 && b != ' ' && b != '\n' && b != '\r' && b != '\t' && b != ',' && b != ']' && b != '}') {
            throw new SyntaxException("unrecognized token", position(), false);
        }
    }

    /** The next byte without skipping white space or taking it; -1 at the end. */
    private int peekRaw() {
        if (pos >= limit && !nextChunk()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    /** Takes the next byte, white space included; the text must not end here. */
    private int rawByte() {
        if (pos >= limit && !nextChunk()) {
            throw truncated();
        }
        return buf[pos++] & 0xff;
    }

    /** Bytes [start, end) of the text as Latin-1: for short ASCII spans (names, numbers). */
    private String text(int start, int end) {
        return new String(bytes(start, end), StandardCharsets.ISO_8859_1);
    }

    /** A copy of bytes [start, end) of the text. */
    private byte[] bytes(int start, int end) {
        byte[] out = new byte[end - start];
        int absolute = textStart + start;
        int c = chunkOf(absolute);
        int at = absolute - chunkStart(c);
        for (int i = 0; i < out.length; i++) {
            if (at >= chunks[c].length) {
                c++;
                at = 0;
            }
            out[i] = chunks[c][at++];
        }
        return out;
    }

    private boolean nextChunk() {
        if (chunkStart(chunk) + limit >= textEnd || chunk + 1 >= chunks.length) {
            return false;
        }
        enter(chunk + 1, 0);
        return pos < limit;
    }

    private void enter(int c, int at) {
        chunk = c;
        buf = chunks[c];
        pos = at;
        limit = Math.min(buf.length, textEnd - chunkStart(c));
    }

    private int chunkStart(int c) {
        return c == 0 ? 0 : ends[c - 1];
    }

    /** The chunk holding absolute offset {@code absolute}. */
    private int chunkOf(int absolute) {
        int i = Arrays.binarySearch(ends, absolute);
        return Math.min(i >= 0 ? i + 1 : -i - 1, chunks.length - 1);
    }

    private SyntaxException truncated() {
        return new SyntaxException("the text ends inside a value", position(), true);
    }

    private SyntaxException unexpected(int b, String expected) {
        String found = b < 0 ? "the end" : b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : "byte " + b;
        return new SyntaxException("expected " + expected + ", found " + found, position() - 1, b < 0);
    }
}
