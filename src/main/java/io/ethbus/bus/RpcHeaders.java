package io.ethbus.bus;

import io.vertx.core.MultiMap;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The headers every ethbus message carries: the caller's deadline (epoch milliseconds;
 * the node side gives up once it has passed) and a trace id that appears in the logs of
 * both sides. Large replies add the stream headers ({@link #ACCEPT_STREAM}, {@link #STREAM},
 * {@link #CHUNK}).
 */
public final class RpcHeaders {
    public static final String DEADLINE = "ethbus-deadline";
    public static final String TRACE_ID = "ethbus-trace-id";
    /** On a request: the caller can pull a large reply in chunks ({@link ReplyStream}); any value. */
    public static final String ACCEPT_STREAM = "ethbus-accept-stream";
    /** On a reply: the body is not the answer but a stream header to pull it by. */
    public static final String STREAM = "ethbus-stream";
    /** On a chunk: its index in the stream, from 0. */
    public static final String CHUNK = "ethbus-chunk";

    private RpcHeaders() {
    }

    /** A fresh 16-hex-digit trace id. */
    public static String newTraceId() {
        // HexFormat, not String.format: one trace id per call, and a format string is parsed each time
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** The deadline in the headers, or {@code fallback} when there is none or it is not a number. */
    public static long deadline(MultiMap headers, long fallback) {
        String value = headers.get(DEADLINE);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public static String traceId(MultiMap headers) {
        String value = headers.get(TRACE_ID);
        return value == null ? "-" : value;
    }
}
