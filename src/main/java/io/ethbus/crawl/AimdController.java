package io.ethbus.crawl;

import java.util.function.LongSupplier;

/**
 * Additive-increase, multiplicative-decrease control of one knob (requests in flight, blocks
 * per batch). Grows by about one per round of successes while latency stays within twice
 * the best latency seen; halves on overload, at most once per cool-down so that the burst of
 * failures from one window of requests halves it only once. Not thread-safe: used from one
 * event loop.
 */
public final class AimdController {
    /** Latency up to this multiple of the baseline counts as holding. */
    private static final double LATENCY_TOLERANCE = 2.0;
    /** How fast the baseline follows latency upwards, so that a permanent change is learnt. */
    private static final double BASELINE_DRIFT = 0.01;

    private final int min;
    private final int max;
    private final long cooldownNanos;
    private final LongSupplier nanoClock;
    private double limit;
    private double baselineNanos = Double.NaN;
    private long holdUntil;
    private boolean holding;

    /**
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
     */
    public AimdController(int min, int max, int initial, long cooldownNanos, LongSupplier nanoClock) {
        if (min < 1 || max < min || initial < min || initial > max) {
            throw new IllegalArgumentException("need 1 <= min <= initial <= max, got " + min + ", " + initial + ", " + max);
        }
        this.min = min;
        this.max = max;
        this.limit = initial;
        this.cooldownNanos = cooldownNanos;
        this.nanoClock = nanoClock;
    }

    /** A knob that never moves. */
    public static AimdController fixed(int value) {
        return new AimdController(value, value, value, 0, () -> 0L);
    }

    /** The current value, between min and max. */
    public int limit() {
        return (int) limit;
    }

    public boolean isFixed() {
        return min == max;
    }

    /** A request succeeded after {@code latencyNanos}. */
    public void onSuccess(long latencyNanos) {
        if (Double.isNaN(baselineNanos) || latencyNanos < baselineNanos) {
            baselineNanos = latencyNanos;
        } else {
            baselineNanos += (latencyNanos - baselineNanos) * BASELINE_DRIFT;
        }
        if (latencyNanos <= baselineNanos * LATENCY_TOLERANCE) {
            limit = Math.min(max, limit + 1.0 / limit);
        }
    }

    /** The node pushed back (429, "too many/too large", a timeout): halve, once per cool-down. */
    public void onOverload() {
        long now = nanoClock.getAsLong();
        if (holding && now - holdUntil < 0) {
            return;
        }
        limit = Math.max(min, Math.floor(limit / 2));
        holding = true;
        holdUntil = now + cooldownNanos;
    }
}
