package io.ethbus.rpc;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heap-derived ceiling of one answer, and the bytes all answers being read share. */
class ResponseBudgetTest {
    static final long MIB = 1024 * 1024;

    @Test
    void ceilingIsAQuarterOfTheHeapAndNeverAbove256MiB() {
        ResponseBudget small = new ResponseBudget(128 * MIB);
        assertEquals(32 * MIB, small.defaultCeiling());
        assertEquals(64 * MIB, small.total());
        ResponseBudget large = new ResponseBudget(8192 * MIB);
        assertEquals(256 * MIB, large.defaultCeiling());
        assertEquals(4096 * MIB, large.total());
        // a configured ceiling wins, also above the heap-derived one
        assertEquals(100 * MIB, small.ceiling(100 * MIB));
        assertEquals(32 * MIB, small.ceiling(0));
    }

    @Test
    void reservationsAddUpAndARefusalReservesNothing() {
        ResponseBudget budget = new ResponseBudget(400);
        assertTrue(budget.tryReserve(150));
        assertTrue(budget.tryReserve(50));
        assertEquals(200, budget.inFlight());
        assertFalse(budget.tryReserve(1), "half of the heap is in use");
        assertEquals(200, budget.inFlight());
        budget.release(150);
        assertTrue(budget.tryReserve(100));
        budget.release(100);
        budget.release(50);
        assertEquals(0, budget.inFlight());
        assertThrows(IllegalStateException.class, () -> budget.release(1));
        assertEquals(0, budget.inFlight(), "a wrong release leaves the count usable");
    }

    @Test
    void concurrentAnswersShareTheBudgetAndNeverPassIt() throws Exception {
        ResponseBudget budget = new ResponseBudget(64 * 1024);
        AtomicLong highest = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread reader = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int answer = 0; answer < 2_000; answer++) {
                    // one answer: reserve chunk by chunk, give everything back at the end
                    long held = 0;
                    for (int chunk = 0; chunk < 8; chunk++) {
                        if (!budget.tryReserve(1024)) {
                            refused.incrementAndGet();
                            break;
                        }
                        held += 1024;
                        highest.accumulateAndGet(budget.inFlight(), Math::max);
                    }
                    budget.release(held);
                }
            });
            reader.start();
            readers.add(reader);
        }
        go.countDown();
        for (Thread reader : readers) {
            reader.join();
        }
        assertEquals(0, budget.inFlight(), "every reservation was given back");
        assertTrue(highest.get() <= budget.total(), "held at most the budget: " + highest.get());
        assertTrue(highest.get() > 8 * 1024, "answers were in flight together: " + highest.get());
        assertTrue(refused.get() >= 0);
    }

    @Test
    void messagesSayWhereTheLimitCameFrom() {
        ResponseBudget budget = new ResponseBudget(128 * MIB);
        PayloadTooLargeException fromHeap = budget.overCeiling("eth_getLogs", "http://node", 40 * MIB, 32 * MIB, false);
        assertTrue(fromHeap.getMessage().contains("answer exceeds " + 32 * MIB + " bytes (stopped after " + 40 * MIB + ")"),
                fromHeap.getMessage());
        assertTrue(fromHeap.getMessage().contains("quarter of the 128 MiB heap"), fromHeap.getMessage());
        assertTrue(fromHeap.getMessage().contains("maxResponseBytes") && fromHeap.getMessage().contains("-Xmx"),
                fromHeap.getMessage());
        PayloadTooLargeException configured = budget.overCeiling("eth_getLogs", "http://node", 11, 10, true);
        assertTrue(configured.getMessage().contains("configured maxResponseBytes"), configured.getMessage());
        // this answer holds 4 MiB, others 59.5 MiB; its next MiB does not fit
        assertTrue(budget.tryReserve(4 * MIB + 59 * MIB + MIB / 2));
        assertFalse(budget.tryReserve(MIB));
        PayloadTooLargeException shared = budget.overBudget("eth_getLogs", "http://node", 5 * MIB, 4 * MIB);
        assertTrue(shared.getMessage().contains("half of the 128 MiB heap"), shared.getMessage());
        assertTrue(shared.limit() < shared.bytesSeen(), shared.getMessage());
    }

    @Test
    void oneBudgetPerVertx() {
        Vertx vertx = Vertx.vertx();
        try {
            ResponseBudget budget = ResponseBudget.of(vertx);
            assertSame(budget, ResponseBudget.of(vertx));
            assertEquals(Math.min(Runtime.getRuntime().maxMemory() / 4, ResponseBudget.MAX_DEFAULT_CEILING),
                    budget.defaultCeiling());
        } finally {
            result(vertx.close());
        }
    }
}
