package io.ethbus.provider;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a persistent-connection provider (WebSocket or IPC).
 *
 * @param target          {@code ws://host:port/path} (or wss) for WebSocket, the socket file path for IPC
 * @param connectTimeout  how long opening the connection may take
 * @param requestTimeout  how long one call may wait for its answer
 * @param maxMessageBytes the largest single answer accepted
 */
public record ConnectionOptions(String target, Duration connectTimeout, Duration requestTimeout, int maxMessageBytes) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    public ConnectionOptions {
        Objects.requireNonNull(target, "target");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
    }

    /** Defaults for everything but the target. */
    public static ConnectionOptions of(String target) {
        return new ConnectionOptions(target, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_MESSAGE_BYTES);
    }

    public ConnectionOptions withRequestTimeout(Duration timeout) {
        return new ConnectionOptions(target, connectTimeout, timeout, maxMessageBytes);
    }
}
