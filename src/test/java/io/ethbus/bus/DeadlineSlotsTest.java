package io.ethbus.bus;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.ethbus.testsupport.Await.result;
import static io.ethbus.testsupport.Await.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeadlineSlotsTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        result(vertx.close());
    }

    @Test
    void actionsRunOnceTheirDeadlinePassesUnlessCancelled() throws Exception {
        DeadlineSlots slots = new DeadlineSlots(vertx);
        List<String> ran = new CopyOnWriteArrayList<>();
        List<Long> late = new CopyOnWriteArrayList<>();
        long deadline = System.currentTimeMillis() + 200;
        DeadlineSlots.Pending[] pending = new DeadlineSlots.Pending[5];
        for (int i = 0; i < pending.length; i++) {
            String name = "call " + i;
            pending[i] = slots.add(deadline, () -> {
                late.add(System.currentTimeMillis() - deadline);
                ran.add(name);
            });
        }
        // the first, a middle and the last of one slot leave it; the others stay linked
        pending[0].cancel();
        pending[2].cancel();
        pending[4].cancel();
        pending[4].cancel();
        DeadlineSlots.Pending other = slots.add(deadline + 300, () -> ran.add("later"));
        until("the slot's deadline passed", () -> ran.size() == 2, 10);
        assertEquals(List.of("call 1", "call 3"), ran.stream().sorted().toList());
        late.forEach(ms -> assertTrue(ms >= 0, "ran " + (-ms) + " ms before its deadline"));
        pending[1].cancel(); // after it ran: nothing happens
        other.cancel();
        Thread.sleep(400);
        assertEquals(2, ran.size(), "the cancelled later call did not run: " + ran);
    }

    @Test
    void aDeadlineAlreadyPassedRunsAtOnce() {
        DeadlineSlots slots = new DeadlineSlots(vertx);
        List<String> ran = new CopyOnWriteArrayList<>();
        slots.add(System.currentTimeMillis() - 1_000, () -> ran.add("late"));
        until("the passed deadline's action ran", () -> ran.size() == 1, 10);
    }
}
