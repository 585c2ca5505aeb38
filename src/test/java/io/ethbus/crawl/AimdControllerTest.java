package io.ethbus.crawl;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AimdControllerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void growsAboutOnePerRoundWhileLatencyHolds() {
        AimdController c = new AimdController(1, 100, 4, 1_000, now::get);
        for (int i = 0; i < 5; i++) {
            c.onSuccess(10_000_000); // +1/limit each: 4 -> 5 after one round of about 4-5 successes
        }
        assertEquals(5, c.limit());
        for (int i = 0; i < 200; i++) {
            c.onSuccess(10_000_000);
        }
        assertTrue(c.limit() > 15 && c.limit() <= 100, "limit " + c.limit());
    }

    @Test
    void holdsWhenLatencyMoreThanDoubles() {
        AimdController c = new AimdController(1, 100, 4, 1_000, now::get);
        c.onSuccess(10_000_000);
        int before = c.limit();
        for (int i = 0; i < 20; i++) {
            c.onSuccess(50_000_000);
        }
        assertEquals(before, c.limit());
    }

    @Test
    void halvesOnOverloadOncePerCooldownAndNeverBelowMin() {
        AimdController c = new AimdController(2, 100, 40, 1_000, now::get);
        c.onOverload();
        assertEquals(20, c.limit());
        c.onOverload(); // same window of failures: ignored
        assertEquals(20, c.limit());
        now.addAndGet(1_000);
        c.onOverload();
        assertEquals(10, c.limit());
        for (int i = 0; i < 10; i++) {
            now.addAndGet(1_000);
            c.onOverload();
        }
        assertEquals(2, c.limit());
    }

    @Test
    void neverExceedsMaxAndFixedNeverMoves() {
        AimdController c = new AimdController(1, 3, 3, 0, now::get);
        for (int i = 0; i < 50; i++) {
            c.onSuccess(1);
        }
        assertEquals(3, c.limit());
        AimdController fixed = AimdController.fixed(7);
        fixed.onOverload();
        fixed.onSuccess(1);
        assertEquals(7, fixed.limit());
        assertThrows(IllegalArgumentException.class, () -> new AimdController(5, 3, 4, 0, now::get));
    }
}
