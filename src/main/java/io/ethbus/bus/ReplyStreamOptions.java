package io.ethbus.bus;

import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * When and how a node verticle sends a large reply as a stream of chunks instead of one
 * message: replies of more than {@code thresholdBytes} go in chunks of {@code chunkBytes}, at
 * most {@code window} of them handed out and not yet taken by the consumer; a stream no
 * consumer has pulled from for {@code idleTimeout} is dropped (the consumer is gone).
 * JSON form, under {@code "replyStreams"} of the node configuration:
 * {@code {"thresholdBytes": 1048576, "chunkBytes": 262144, "window": 4, "idleTimeoutMs": 10000}}.
 */
public record ReplyStreamOptions(int thresholdBytes, int chunkBytes, int window, Duration idleTimeout) {
    public static final int DEFAULT_THRESHOLD_BYTES = 1024 * 1024;
    public static final int DEFAULT_CHUNK_BYTES = 256 * 1024;
    public static final int DEFAULT_WINDOW = 4;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

    public ReplyStreamOptions {
        if (thresholdBytes < 1 || chunkBytes < 1 || window < 1) {
            throw new IllegalArgumentException("replyStreams: thresholdBytes, chunkBytes and window must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("replyStreams: idleTimeoutMs must be positive");
        }
    }

    public static ReplyStreamOptions defaults() {
        return new ReplyStreamOptions(DEFAULT_THRESHOLD_BYTES, DEFAULT_CHUNK_BYTES, DEFAULT_WINDOW, DEFAULT_IDLE_TIMEOUT);
    }

    public static ReplyStreamOptions fromJson(JsonObject json) {
        return new ReplyStreamOptions(json.getInteger("thresholdBytes", DEFAULT_THRESHOLD_BYTES),
                json.getInteger("chunkBytes", DEFAULT_CHUNK_BYTES), json.getInteger("window", DEFAULT_WINDOW),
                Duration.ofMillis(json.getLong("idleTimeoutMs", DEFAULT_IDLE_TIMEOUT.toMillis())));
    }

    /** Bytes a stream may have handed out and not yet seen taken: the producer's in-flight bound. */
    public long inFlightBound() {
        return (long) window * chunkBytes;
    }
}
