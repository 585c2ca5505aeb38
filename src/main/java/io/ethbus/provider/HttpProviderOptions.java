package io.ethbus.provider;

import io.ethbus.rpc.EndpointMask;
import io.ethbus.rpc.ResponseBudget;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How an {@link HttpProvider} reaches its node.
 *
 * <pre>
 * HttpProviderOptions.of("http://127.0.0.1:8545");
 * HttpProviderOptions.builder("https://mainnet.example/v3/KEY")
 *         .maxPoolSize(8)
 *         .requestTimeout(Duration.ofSeconds(5))
 *         .header("Authorization", "Bearer x")
 *         .build();
 * </pre>
 *
 * @param url            the node's http or https URL; may carry credentials and API keys, which
 *                       never appear in messages
 * @param maxPoolSize    keep-alive connections kept to the node at most
 * @param connectTimeout time allowed to open one TCP (and TLS) connection
 * @param idleTimeout    a pooled keep-alive connection idle this long is closed
 * @param requestTimeout time allowed for a whole call, from send to the last byte of the answer
 * @param headers        extra request headers, such as {@code Authorization}; values are masked in
 *                       {@link #toString()}
 * @param gzip           ask for compressed answers ({@code Accept-Encoding}) and decompress them
 * @param maxResponseBytes the largest answer accepted (after decompression); a larger one fails
 *                       with PayloadTooLargeException as soon as the limit is crossed.
 *                       {@link #HEAP_DERIVED} (0, the default) derives it from the heap: a quarter of
 *                       {@link Runtime#maxMemory()}, at most {@link #DEFAULT_MAX_RESPONSE_BYTES}. Either
 *                       way the answers being read at once share half of the heap
 *                       ({@link io.ethbus.rpc.ResponseBudget}); an answer they leave no room for fails
 *                       the same way
 */
public record HttpProviderOptions(String url, int maxPoolSize, Duration connectTimeout, Duration idleTimeout,
                                  Duration requestTimeout, Map<String, String> headers, boolean gzip,
                                  long maxResponseBytes) {

    public static final int DEFAULT_MAX_POOL_SIZE = 16;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The most the heap-derived {@code maxResponseBytes} ever allows (256 MiB); a configured value may be larger. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = ResponseBudget.MAX_DEFAULT_CEILING;
    /** {@code maxResponseBytes} meaning "derived from the heap" (see {@link ResponseBudget#defaultCeiling()}). */
    public static final long HEAP_DERIVED = 0;

    public HttpProviderOptions {
        if (url == null) {
            throw new IllegalArgumentException("HTTP provider URL is required");
        }
        String masked = EndpointMask.mask(url);
        EndpointUri.parse(url, "HTTP provider URL", "http", "https");
        if (maxPoolSize <= 0) {
            throw new IllegalArgumentException("maxPoolSize must be positive, got " + maxPoolSize + " for " + masked);
        }
        requirePositive("connectTimeout", connectTimeout, masked);
        requirePositive("idleTimeout", idleTimeout, masked);
        requirePositive("requestTimeout", requestTimeout, masked);
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive (or 0: from the heap), got "
                    + maxResponseBytes + " for " + masked);
        }
        headers = copyHeaders(headers, masked);
    }

    /** Options with every default for {@code url}. */
    public static HttpProviderOptions of(String url) {
        return builder(url).build();
    }

    /** A builder starting from the defaults for {@code url}. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder(url)
                .maxPoolSize(maxPoolSize)
                .connectTimeout(connectTimeout)
                .idleTimeout(idleTimeout)
                .requestTimeout(requestTimeout)
                .gzip(gzip)
                .maxResponseBytes(maxResponseBytes);
        headers.forEach(b::header);
        return b;
    }

    /** The URL with credentials, query values and key-like path segments masked. */
    public String maskedUrl() {
        return EndpointMask.mask(url);
    }

    @Override
    public String toString() {
        String maskedHeaders = headers.keySet().stream()
                .map(name -> name + "=***")
                .collect(Collectors.joining(", ", "{", "}"));
        return "HttpProviderOptions[url=" + maskedUrl()
                + ", maxPoolSize=" + maxPoolSize
                + ", connectTimeout=" + connectTimeout
                + ", idleTimeout=" + idleTimeout
                + ", requestTimeout=" + requestTimeout
                + ", headers=" + maskedHeaders
                + ", gzip=" + gzip
                + ", maxResponseBytes=" + (maxResponseBytes == HEAP_DERIVED ? "heap-derived" : maxResponseBytes) + "]";
    }

    private static void requirePositive(String name, Duration value, String maskedUrl) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value + " for " + maskedUrl);
        }
    }

    private static Map<String, String> copyHeaders(Map<String, String> headers, String maskedUrl) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (name == null || name.isBlank() || !name.chars().allMatch(HttpProviderOptions::isTokenChar)) {
                throw new IllegalArgumentException("invalid header name '" + name + "' for " + maskedUrl);
            }
            // The value may be a secret: name the header, never show the value.
            if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("invalid value for header " + name + " for " + maskedUrl);
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /** Builds {@link HttpProviderOptions}; unset fields keep their defaults. */
    public static final class Builder {
        private final String url;
        private int maxPoolSize = DEFAULT_MAX_POOL_SIZE;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private boolean gzip = true;
        private long maxResponseBytes = HEAP_DERIVED;

        private Builder(String url) {
            this.url = url;
        }

        public Builder maxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        public Builder idleTimeout(Duration idleTimeout) {
            this.idleTimeout = idleTimeout;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        /** Adds or replaces one extra request header. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            headers.put(name, value);
            return this;
        }

        /** Adds or replaces several extra request headers. */
        public Builder headers(Map<String, String> more) {
            more.forEach(this::header);
            return this;
        }

        /** The largest answer accepted; {@link #HEAP_DERIVED} (0, the default) derives it from the heap. */
        public Builder maxResponseBytes(long bytes) {
            this.maxResponseBytes = bytes;
            return this;
        }

        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        public HttpProviderOptions build() {
            return new HttpProviderOptions(url, maxPoolSize, connectTimeout, idleTimeout, requestTimeout, headers, gzip,
                    maxResponseBytes);
        }
    }
}
