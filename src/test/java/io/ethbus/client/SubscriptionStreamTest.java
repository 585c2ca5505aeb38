package io.ethbus.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded buffer between a subscription and a slow consumer, under each policy. */
class SubscriptionStreamTest {
    final List<String> source = new ArrayList<>();

    SubscriptionStream<Integer> stream(int capacity, OverflowPolicy policy) {
        return new SubscriptionStream<>("test", capacity, policy,
                () -> source.add("pause"), () -> source.add("resume"), () -> source.add("close"));
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsTheRest() {
        SubscriptionStream<Integer> s = stream(10, OverflowPolicy.DROP_OLDEST);
        List<Integer> seen = new ArrayList<>();
        s.handler(seen::add).pause();
        int maxBuffered = 0;
        for (int i = 0; i < 100; i++) {
            s.push(i);
            if (i % 10 == 0) {
                s.fetch(1); // a consumer reading one item now and then
            }
            maxBuffered = Math.max(maxBuffered, s.buffered());
        }
        assertTrue(maxBuffered <= 10, "buffered " + maxBuffered);
        s.resume();
        assertEquals(100, seen.size() + s.dropped());
        assertEquals(99, seen.get(seen.size() - 1), "the newest item survives");
        assertTrue(s.dropped() > 0);
    }

    @Test
    void failEndsTheStreamWithATypedError() {
        SubscriptionStream<Integer> s = stream(3, OverflowPolicy.FAIL);
        List<Throwable> errors = new ArrayList<>();
        s.exceptionHandler(errors::add).handler(i -> { }).pause();
        for (int i = 0; i < 10; i++) {
            s.push(i);
        }
        assertEquals(1, errors.size());
        assertInstanceOf(SubscriptionOverflowException.class, errors.get(0));
        assertEquals(List.of("close"), source, "the source is released");
    }

    @Test
    void pauseStopsTheSourceAndResumesItWhenDrained() {
        SubscriptionStream<Integer> s = stream(4, OverflowPolicy.PAUSE);
        List<Integer> seen = new ArrayList<>();
        s.handler(seen::add).pause();
        for (int i = 0; i < 4; i++) {
            s.push(i);
        }
        assertEquals(List.of("pause"), source);
        s.fetch(1);
        assertEquals(List.of("pause"), source, "still more than half full");
        s.fetch(1);
        assertEquals(List.of("pause", "resume"), source);
        s.resume();
        assertEquals(List.of(0, 1, 2, 3), seen);
        assertEquals(0, s.dropped());
    }

    @Test
    void closingEndsAndReleases() {
        SubscriptionStream<Integer> s = stream(4, OverflowPolicy.DROP_OLDEST);
        List<String> ends = new ArrayList<>();
        s.endHandler(v -> ends.add("end")).handler(i -> { });
        s.close();
        s.push(1);
        assertEquals(List.of("end"), ends);
        assertEquals(List.of("close"), source);
    }

    @Test
    void aMappedStreamKeepsTheSourceStreamsBufferAndPolicy() {
        SubscriptionStream<Integer> s = stream(10, OverflowPolicy.DROP_OLDEST);
        SubscriptionStream<String> mapped = s.map(i -> "#" + i);
        List<String> seen = new ArrayList<>();
        mapped.handler(seen::add).pause();
        for (int i = 0; i < 100; i++) {
            s.push(i);
        }
        assertTrue(s.buffered() <= 10, "the source stream's buffer holds: " + s.buffered());
        assertTrue(s.dropped() > 0, "the source stream's policy drops the oldest");
        mapped.resume();
        assertEquals(100, seen.size() + s.dropped());
        assertEquals("#0", seen.get(0), "what the mapped stream held before the source paused");
        assertEquals("#99", seen.get(seen.size() - 1), "the newest item survives");
        assertTrue(source.isEmpty(), "the source itself was never paused: " + source);
    }

    @Test
    void aMappedStreamFailsOnTheItemItsMapperRejectsAndReleasesTheSource() {
        SubscriptionStream<Integer> s = stream(4, OverflowPolicy.PAUSE);
        SubscriptionStream<Integer> mapped = s.map(i -> {
            if (i == 2) {
                throw new IllegalStateException("item 2 does not map");
            }
            return i == 1 ? null : i * 10;
        });
        List<Integer> seen = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        mapped.exceptionHandler(errors::add).handler(seen::add);
        for (int i = 0; i < 4; i++) {
            s.push(i);
        }
        assertEquals(List.of(0), seen, "item 1, mapped to null, is left out");
        assertEquals(1, errors.size());
        assertEquals("item 2 does not map", errors.get(0).getMessage());
        assertEquals(List.of("close"), source, "the source is released");
    }

    @Test
    void closingAMappedStreamClosesTheSourceStreamAndAnErrorReachesTheMappedOne() {
        SubscriptionStream<Integer> s = stream(4, OverflowPolicy.DROP_OLDEST);
        SubscriptionStream<Integer> mapped = s.map(i -> i);
        List<String> ends = new ArrayList<>();
        mapped.endHandler(v -> ends.add("end")).handler(i -> { });
        mapped.close();
        assertEquals(List.of("end"), ends);
        assertEquals(List.of("close"), source);

        SubscriptionStream<Integer> failing = stream(4, OverflowPolicy.DROP_OLDEST);
        List<Throwable> errors = new ArrayList<>();
        failing.map(i -> i).exceptionHandler(errors::add).handler(i -> { });
        failing.fail(new IllegalStateException("upstream gone"));
        assertEquals(1, errors.size());
        assertEquals("upstream gone", errors.get(0).getMessage());
    }
}
