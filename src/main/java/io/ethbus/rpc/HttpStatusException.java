package io.ethbus.rpc;

import java.time.Duration;
import java.util.Optional;

/** The node answered with an HTTP status other than 2xx. */
public class HttpStatusException extends EthbusException {
    private final int status;
    private final transient Duration retryAfter;

    public HttpStatusException(String method, String endpoint, int status, Duration retryAfter, String bodyExcerpt) {
        super(method, endpoint, "HTTP " + status
                + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)")
                + (bodyExcerpt == null || bodyExcerpt.isEmpty() ? "" : ": " + bodyExcerpt));
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    /** The delay the server asked for in its Retry-After header, if it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
