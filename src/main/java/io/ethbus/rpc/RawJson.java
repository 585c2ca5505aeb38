package io.ethbus.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One JSON value kept as the UTF-8 text a node sent, without building a tree: a result can
 * be written on (to the event bus, to a file) as it came, or read once with a streaming
 * parser straight into records. Usually a slice of the whole answer's body, which it keeps
 * alive; the body may be held as the chunks it arrived in (never joined into one array, so
 * a large answer is held once, not twice while being joined), and a value may span several
 * of them. The bytes are never changed after the value is made, so it is safe to share
 * between threads.
 */
public final class RawJson {
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    // The text is bytes [start, start + length) of the concatenation of chunks, where chunk i
    // ends at ends[i] (exclusive, counted from the first chunk's first byte).
    private final byte[][] chunks;
    private final int[] ends;
    private final int start;
    private final int length;

    private RawJson(byte[][] chunks, int[] ends, int start, int length) {
        this.chunks = chunks;
        this.ends = ends;
        this.start = start;
        this.length = length;
    }

    private static RawJson whole(byte[] bytes, int offset, int length) {
        return new RawJson(new byte[][] {bytes}, new int[] {bytes.length}, offset, length);
    }

    /**
     * Wraps a slice that the codec has already scanned as exactly one JSON value. The array
     * must not change afterwards.
     */
    static RawJson slice(byte[] bytes, int offset, int length) {
        return whole(bytes, offset, length);
    }

    /**
     * The text of the chunks one after the other, unchecked and not copied: a body as it
     * arrived, for the codec to scan and slice. The arrays must not change afterwards.
     *
     * @throws ArithmeticException when they hold 2 GiB or more
     */
    static RawJson chunks(List<byte[]> chunks) {
        // Empty chunks would make two chunks end at one offset; none at all, no chunk to point at.
        byte[][] array = chunks.stream().filter(c -> c.length > 0).toArray(byte[][]::new);
        if (array.length == 0) {
            return wrap(new byte[0]);
        }
        int[] ends = new int[array.length];
        int end = 0;
        for (int i = 0; i < array.length; i++) {
            end = Math.addExact(end, array[i].length);
            ends[i] = end;
        }
        return new RawJson(array, ends, 0, end);
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
        return whole(copy, 0, copy.length);
    }

    /**
     * Takes {@code json} as it is, unchecked and not copied: for text a JSON generator has
     * just written as one value. The array must not change afterwards.
     */
    public static RawJson wrap(byte[] json) {
        return whole(json, 0, json.length);
    }

    /** The JSON text {@code json}, checked to be exactly one JSON value. */
    public static RawJson of(String json) {
        return of(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The {@code length} bytes from {@code offset} of this text (offsets as a parser from
     * {@link #parser()} reports them), sharing its bytes.
     */
    RawJson slice(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > this.length) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + this.length + " bytes");
        }
        return new RawJson(chunks, ends, start + offset, length);
    }

    /**
     * This text holding only its own bytes: a copy when it is a slice of a larger body (a
     * small result of a large batch answer), else this. For values kept long, as by a cache,
     * which would otherwise keep the whole body alive.
     */
    public RawJson detached() {
        return chunks.length == 1 && start == 0 && length == chunks[0].length ? this : wrap(toBytes());
    }

    /** The length of the JSON text in bytes. */
    public int length() {
        return length;
    }

    /** True when the value is JSON null. */
    public boolean isNull() {
        return length == NULL.length && Arrays.equals(toBytes(), NULL);
    }

    /** True when the text is empty or white space only. */
    boolean isBlank() {
        boolean[] blank = {true};
        forEachSegment((bytes, from, n) -> {
            for (int i = from; i < from + n && blank[0]; i++) {
                byte b = bytes[i];
                blank[0] = b == ' ' || b == '\n' || b == '\r' || b == '\t';
            }
        });
        return blank[0];
    }

    /**
     * A new streaming parser over the value, not yet advanced (call {@code nextToken()}
     * first). Its codec is ethbus's mapper, so {@code readValueAsTree()} works on it. The
     * caller closes it.
     */
    public JsonParser parser() {
        try {
            int[] single = singleSegment();
            if (single != null) {
                return JsonRpcCodec.parser(chunks[single[0]], single[1], length);
            }
            return JsonRpcCodec.parser(new SegmentStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new cursor at the text's first byte: for reading a value of known shape fast. */
    public JsonCursor cursor() {
        return new JsonCursor(chunks, ends, chunkOf(start), start, length);
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
        try {
            forEachSegment((bytes, from, n) -> {
                try {
                    out.write(bytes, from, n);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A copy of the text. */
    public byte[] toBytes() {
        return head(length);
    }

    /** A short excerpt of the text for error messages. */
    public String excerpt() {
        int n = Math.min(length, Excerpt.MAX * 4);
        String head = Excerpt.of(new String(head(n), StandardCharsets.UTF_8));
        return length > n ? head + "... (" + length + " bytes)" : head;
    }

    /** Same text, byte for byte. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RawJson r) || length != r.length) {
            return false;
        }
        int[] mine = singleSegment();
        int[] theirs = r.singleSegment();
        if (mine != null && theirs != null) {
            return Arrays.equals(chunks[mine[0]], mine[1], mine[1] + length, r.chunks[theirs[0]], theirs[1], theirs[1] + length);
        }
        return Arrays.equals(toBytes(), r.toBytes());
    }

    /** {chunk, offset in it} when the text lies within one chunk, else null. */
    private int[] singleSegment() {
        int first = chunkOf(start);
        int from = start - chunkStart(first);
        return from + length <= chunks[first].length ? new int[] {first, from} : null;
    }

    @Override
    public int hashCode() {
        int[] h = {1};
        forEachSegment((bytes, from, n) -> {
            for (int i = from; i < from + n; i++) {
                h[0] = 31 * h[0] + bytes[i];
            }
        });
        return h[0];
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    /** A copy of the first {@code n} bytes. */
    private byte[] head(int n) {
        byte[] out = new byte[n];
        int[] at = {0};
        forEachSegment((bytes, from, count) -> {
            int take = Math.min(count, n - at[0]);
            System.arraycopy(bytes, from, out, at[0], take);
            at[0] += take;
        });
        return out;
    }

    private interface SegmentVisitor {
        void visit(byte[] bytes, int from, int length);
    }

    /** Visits the pieces of the chunks that make up the text, in order. */
    private void forEachSegment(SegmentVisitor visitor) {
        int position = start;
        int end = start + length;
        for (int i = chunkOf(start); position < end; i++) {
            int from = position - chunkStart(i);
            int n = Math.min(chunks[i].length - from, end - position);
            if (n > 0) {
                visitor.visit(chunks[i], from, n);
            }
            position += n;
        }
    }

    /** The chunk holding byte {@code position} (the last chunk for the end of the text). */
    private int chunkOf(int position) {
        int i = Arrays.binarySearch(ends, position);
        // An exact hit is the end of chunk i, so the byte is in the next one (if any).
        int chunk = i >= 0 ? i + 1 : -i - 1;
        return Math.min(chunk, chunks.length - 1);
    }

    private int chunkStart(int chunk) {
        return chunk == 0 ? 0 : ends[chunk - 1];
    }

    /** The text as a stream across its chunks, for a parser over a value that spans several. */
    private final class SegmentStream extends InputStream {
        private int position = start;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int end = start + length;
            if (position >= end) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int chunk = chunkOf(position);
            int from = position - chunkStart(chunk);
            int n = Math.min(Math.min(len, chunks[chunk].length - from), end - position);
            System.arraycopy(chunks[chunk], from, b, off, n);
            position += n;
            return n;
        }
    }
}
