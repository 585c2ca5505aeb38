package io.ethbus.provider;

import io.vertx.core.buffer.Buffer;

import java.util.function.Consumer;

/**
 * Splits a byte stream into complete top-level JSON values (objects or arrays), whatever
 * separates them: a newline, nothing at all (anvil's IPC replies), or a value cut across
 * several reads. Tracks nesting depth and string/escape state, so braces inside strings
 * do not count. A value larger than {@code maxValueBytes} is a {@link FramingException}.
 * Not thread-safe: one framer per connection, fed from the connection's context.
 */
public final class JsonValueFramer {
    private final int maxValueBytes;
    private final Consumer<Buffer> onValue;
    private Buffer pending = Buffer.buffer();
    private int scanned;
    private int start = -1;
    private int depth;
    private boolean inString;
    private boolean escaped;

    public JsonValueFramer(int maxValueBytes, Consumer<Buffer> onValue) {
        this.maxValueBytes = maxValueBytes;
        this.onValue = onValue;
    }

    /** Feeds the next bytes read from the connection; complete values are handed on at once. */
    public void feed(Buffer bytes) {
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
                continue;
            }
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
                if (--depth == 0) {
                    onValue.accept(pending.getBuffer(start, i + 1));
                    start = -1;
                }
            }
        }
        compact(length);
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
        if (start >= 0 && scanned > maxValueBytes) {
            throw new FramingException("JSON value exceeds " + maxValueBytes + " bytes");
        }
    }

    /** The stream did not carry JSON values. */
    public static final class FramingException extends io.ethbus.rpc.EthbusException {
        public FramingException(String message) {
            super(null, null, message);
        }
    }
}
