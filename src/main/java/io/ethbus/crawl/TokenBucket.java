package io.ethbus.crawl;

import java.util.function.LongSupplier;

/**
 * A request-rate limit: tokens refill at {@code ratePerSecond} up to {@code capacity}. It
 * never sleeps: {@link #take} says how long to wait, and the caller sets a timer. Not
 * thread-safe: used from one event loop.
 */
public final class TokenBucket {
    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, double capacity, LongSupplier nanoClock) {
        if (!(ratePerSecond > 0) || !(capacity >= 1)) {
            throw new IllegalArgumentException("rate must be positive and capacity at least 1, got "
                    + ratePerSecond + ", " + capacity);
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        this.tokens = capacity;
        this.last = nanoClock.getAsLong();
    }

    /**
     * Takes {@code n} tokens when they are there and returns 0; otherwise takes nothing and
     * returns the nanoseconds to wait before they will be. More than the capacity is granted
     * from a full bucket, leaving a debt that later takers wait out, so the average rate holds.
     */
    public long take(int n) {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
        last = now;
        double needed = Math.min(n, capacity);
        if (tokens >= needed) {
            tokens -= n;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((needed - tokens) / ratePerNano));
    }
}
