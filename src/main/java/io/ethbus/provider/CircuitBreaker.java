package io.ethbus.provider;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Per-URL circuit breaker: after {@code failureThreshold} failures in a row the URL is
 * ejected (open) for {@code openDuration}; then one call is let through as a probe
 * (half-open): success readmits it, failure ejects it again. Used from one context only.
 */
public final class CircuitBreaker {
    /** Where a breaker stands. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final long openNanos;
    private final LongSupplier nanoClock;
    private int consecutiveFailures;
    private long openedAt;
    private State state = State.CLOSED;
    private boolean probing;

    public CircuitBreaker(int failureThreshold, Duration openDuration, LongSupplier nanoClock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.failureThreshold = failureThreshold;
        this.openNanos = openDuration.toNanos();
        this.nanoClock = nanoClock;
    }

    /** True when a call may go to this URL now; a probe is let through once per open period. */
    public boolean allows() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openNanos) {
            state = State.HALF_OPEN;
            probing = false;
        }
        if (state == State.HALF_OPEN) {
            if (probing) {
                return false;
            }
            probing = true;
            return true;
        }
        return state == State.CLOSED;
    }

    public void onSuccess() {
        consecutiveFailures = 0;
        state = State.CLOSED;
        probing = false;
    }

    public void onFailure() {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || consecutiveFailures >= failureThreshold) {
            state = State.OPEN;
            openedAt = nanoClock.getAsLong();
            probing = false;
        }
    }

    public State state() {
        if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openNanos) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
