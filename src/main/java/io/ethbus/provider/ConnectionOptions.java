package io.ethbus.provider;

import io.ethbus.rpc.EndpointMask;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a persistent-connection provider (WebSocket or IPC).
 *
 * @param target          {@code ws://host:port/path} (or wss) for WebSocket, the socket file path for IPC
 * @param connectTimeout  how long opening the connection may take
 * @param requestTimeout  how long one call may wait for its answer
 * @param maxMessageBytes the largest single answer accepted; by default a quarter of the heap, at most
 *                        64 MiB. The answer being read also counts against the JVM's shared answer
 *                        budget; one past either fails its own call, and the connection stays open
 * @param pingInterval    WebSocket keep-alive ping period, or null for none (the default: an
 *                        idle connection then costs nothing; set it when a proxy drops quiet connections)
 */
public record ConnectionOptions(String target, Duration connectTimeout, Duration requestTimeout, int maxMessageBytes,
                                Duration pingInterval) {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The most the default {@code maxMessageBytes} allows; in a smaller heap it is a quarter of the heap. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    public ConnectionOptions {
        Objects.requireNonNull(target, "target");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (pingInterval != null && (pingInterval.isNegative() || pingInterval.isZero())) {
            throw new IllegalArgumentException("pingInterval must be positive or null");
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
    }

    /** Defaults for everything but the target. */
    public static ConnectionOptions of(String target) {
        return new ConnectionOptions(target, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, defaultMaxMessageBytes(), null);
    }

    /** The settings with the target masked: a URL may carry a key. */
    @Override
    public String toString() {
        return "ConnectionOptions[target=" + EndpointMask.mask(target) + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxMessageBytes=" + maxMessageBytes + ", pingInterval="
                + pingInterval + "]";
    }

    /** A quarter of this JVM's heap, at most {@link #DEFAULT_MAX_MESSAGE_BYTES}: as the HTTP provider's answer ceiling. */
    public static int defaultMaxMessageBytes() {
        return (int) Math.min(DEFAULT_MAX_MESSAGE_BYTES, Runtime.getRuntime().maxMemory() / 4);
    }

    public ConnectionOptions withRequestTimeout(Duration timeout) {
        return new ConnectionOptions(target, connectTimeout, timeout, maxMessageBytes, pingInterval);
    }

    public ConnectionOptions withPingInterval(Duration interval) {
        return new ConnectionOptions(target, connectTimeout, requestTimeout, maxMessageBytes, interval);
    }
}
