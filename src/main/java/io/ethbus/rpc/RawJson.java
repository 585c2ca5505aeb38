package io.ethbus.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One JSON value kept as the UTF-8 text a node sent, without building a tree: a result can
 * be written on (to the event bus, to a file) as it came, or read once with a streaming
 * parser straight into records. Usually a slice of the whole answer's body, which it keeps
 * alive; the bytes are never changed after the value is made, so it is safe to share
 * between threads.
 */
public final class RawJson {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final int offset;
    private final int length;

    private RawJson(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    /**
     * Wraps a slice that the codec has already scanned as exactly one JSON value. The array
     * must not change afterwards.
     */
    static RawJson slice(byte[] bytes, int offset, int length) {
        return new RawJson(bytes, offset, length);
    }

    /**
     * The JSON text {@code json} (copied), checked to be exactly one JSON value.
     *
     * @throws IllegalArgumentException when it is not
     */
    public static RawJson of(byte[] json) {
        byte[] copy = json.clone();
        try (JsonParser p = JsonRpcCodec.parser(copy, 0, copy.length)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("more than one JSON value: " + Excerpt.of(copy));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        return new RawJson(copy, 0, copy.length);
    }

    /**
     * Takes {@code json} as it is, unchecked and not copied: for text a JSON generator has
     * just written as one value. The array must not change afterwards.
     */
    public static RawJson wrap(byte[] json) {
        return new RawJson(json, 0, json.length);
    }

    /** The JSON text {@code json}, checked to be exactly one JSON value. */
    public static RawJson of(String json) {
        return of(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The length of the JSON text in bytes. */
    public int length() {
        return length;
    }

    /** True when the value is JSON null. */
    public boolean isNull() {
        return Arrays.equals(bytes, offset, offset + length, NULL, 0, NULL.length);
    }

    /**
     * A new streaming parser over the value, not yet advanced (call {@code nextToken()}
     * first). Its codec is ethbus's mapper, so {@code readValueAsTree()} works on it. The
     * caller closes it.
     */
    public JsonParser parser() {
        try {
            return JsonRpcCodec.parser(bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as a tree: costs several times the text's size, so meant for small values. */
    public JsonNode toTree() {
        try (JsonParser p = parser()) {
            return p.nextToken() == JsonToken.VALUE_NULL ? JsonRpcCodec.mapper().nullNode() : p.readValueAsTree();
        } catch (IOException e) {
            // The codec scanned these bytes already, so this is not expected.
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the text as it is. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
    }

    /** A copy of the text. */
    public byte[] toBytes() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** A short excerpt of the text for error messages. */
    public String excerpt() {
        int n = Math.min(length, Excerpt.MAX * 4);
        String head = Excerpt.of(new String(bytes, offset, n, StandardCharsets.UTF_8));
        return length > n ? head + "... (" + length + " bytes)" : head;
    }

    /** Same text, byte for byte. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson r && Arrays.equals(bytes, offset, offset + length, r.bytes, r.offset, r.offset + r.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
