package io.ethbus.provider;

import java.time.Duration;
import java.util.Objects;

/** Where and how an {@link HttpProvider} talks to a node. */
public record HttpProviderOptions(String url, Duration timeout) {
    public HttpProviderOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** {@code url} with a 30 s timeout per call. */
    public static HttpProviderOptions of(String url) {
        return new HttpProviderOptions(url, Duration.ofSeconds(30));
    }
}
