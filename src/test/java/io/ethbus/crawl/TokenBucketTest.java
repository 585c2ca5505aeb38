package io.ethbus.crawl;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);

    @Test
    void grantsTheBurstThenAsksToWaitForRefill() {
        TokenBucket b = new TokenBucket(10, 10, now::get);
        assertEquals(0, b.take(10));
        long wait = b.take(5);
        assertEquals(500_000_000L, wait, 1_000);
        now.addAndGet(wait);
        assertEquals(0, b.take(5));
    }

    @Test
    void oversizedRequestsKeepTheAverageRate() {
        TokenBucket b = new TokenBucket(10, 10, now::get);
        assertEquals(0, b.take(30)); // a full bucket grants it, leaving a debt of 20
        long wait = b.take(1);
        assertTrue(wait >= 2_000_000_000L, "waits out the debt: " + wait);
    }

    @Test
    void refillStopsAtCapacity() {
        TokenBucket b = new TokenBucket(100, 5, now::get);
        now.addAndGet(60_000_000_000L);
        assertEquals(0, b.take(5));
        assertTrue(b.take(1) > 0);
    }
}
