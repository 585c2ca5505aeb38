package io.ethbus.provider;

import io.vertx.core.buffer.Buffer;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Splits a byte stream into complete top-level JSON values (objects or arrays), whatever
 * separates them: a newline, nothing at all (anvil's IPC replies), or a value cut across
 * several reads. Tracks nesting depth and string/escape state, so braces inside strings
 * do not count. After each read it asks {@code hold} whether the value still being read may
 * keep the bytes it has so far; when it may not, the framer keeps only the value's first
 * {@link #PREFIX_BYTES} (where an answer's id is), reads on to the value's end without keeping
 * anything, and reports the value as dropped: the stream stays in step for the values after
 * it. Bytes that are not JSON values are a {@link FramingException}. Not thread-safe: one
 * framer per connection, fed from the connection's context.
 */
public final class JsonValueFramer {
    /** How many first bytes of a dropped value are kept for its report. */
    public static final int PREFIX_BYTES = 4096;

    private final LongPredicate hold;
    private final Consumer<Buffer> onValue;
    private final BiConsumer<Buffer, Long> onDropped;
    private Buffer pending = Buffer.buffer();
    private int scanned;
    private int start = -1;
    private int depth;
    private boolean inString;
    private boolean escaped;
    /** The first bytes of the value being dropped, or null while values are kept. */
    private Buffer droppedPrefix;
    private long droppedBytes;

    /**
     * @param hold      called after each read with the bytes the value in progress holds (0 when
     *                  none is in progress); false drops that value
     * @param onValue   gets each complete value kept
     * @param onDropped gets the first bytes and the size of each dropped value, once it has ended
     */
    public JsonValueFramer(LongPredicate hold, Consumer<Buffer> onValue, BiConsumer<Buffer, Long> onDropped) {
        this.hold = hold;
        this.onValue = onValue;
        this.onDropped = onDropped;
    }

    /** Feeds the next bytes read from the connection; complete values are handed on at once. */
    public void feed(Buffer bytes) {
        Buffer rest = bytes;
        while (rest != null) {
            rest = droppedPrefix != null ? skip(rest) : frame(rest);
        }
    }

    private Buffer frame(Buffer bytes) {
        pending.appendBuffer(bytes);
        int length = pending.length();
        for (int i = scanned; i < length; i++) {
            byte b = pending.getByte(i);
            if (start < 0) {
                if (b == '{' || b == '[') {
                    start = i;
                    depth = 1;
                } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                    throw new FramingException("unexpected byte 0x" + Integer.toHexString(b & 0xff)
                            + " between JSON values");
                }
            } else if (closesValue(b)) {
                onValue.accept(pending.getBuffer(start, i + 1));
                start = -1;
            }
        }
        compact(length);
        if (!hold.test(pending.length()) && start >= 0) {
            droppedPrefix = pending.getBuffer(0, Math.min(PREFIX_BYTES, pending.length()));
            droppedBytes = pending.length();
            pending = Buffer.buffer();
            scanned = 0;
            start = -1;
        }
        return null;
    }

    /** Reads on through a dropped value; what follows its end is framed again. */
    private Buffer skip(Buffer bytes) {
        int length = bytes.length();
        for (int i = 0; i < length; i++) {
            if (closesValue(bytes.getByte(i))) {
                Buffer prefix = droppedPrefix;
                long size = droppedBytes + i + 1;
                droppedPrefix = null;
                onDropped.accept(prefix, size);
                return i + 1 < length ? bytes.getBuffer(i + 1, length) : null;
            }
        }
        droppedBytes += length;
        return null;
    }

    /** Steps over one byte inside a value; true when it ends the value. */
    private boolean closesValue(byte b) {
        if (inString) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                inString = false;
            }
        } else if (b == '"') {
            inString = true;
        } else if (b == '{' || b == '[') {
            depth++;
        } else if (b == '}' || b == ']') {
            return --depth == 0;
        }
        return false;
    }

    /** Drops what was handed on, so the buffer holds at most the value still being read. */
    private void compact(int length) {
        int keepFrom = start < 0 ? length : start;
        if (keepFrom > 0) {
            pending = pending.getBuffer(keepFrom, length);
            if (start >= 0) {
                start = 0;
            }
        }
        scanned = pending.length();
    }

    /** The stream did not carry JSON values. */
    public static final class FramingException extends io.ethbus.rpc.EthbusException {
        public FramingException(String message) {
            super(null, null, message);
        }
    }
}
