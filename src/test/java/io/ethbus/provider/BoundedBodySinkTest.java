package io.ethbus.provider;

import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ResponseBudget;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sink reserves answer bytes as they arrive and gives them back on every way out. */
class BoundedBodySinkTest {
    static Buffer bytes(int n) {
        return Buffer.buffer(new byte[n]);
    }

    static PayloadTooLargeException refusal(Future<Void> write) {
        assertTrue(write.failed(), "the write was refused");
        return assertInstanceOf(PayloadTooLargeException.class, write.cause());
    }

    @Test
    void aCompleteBodyIsHandedOverAndItsReservationGivenBack() {
        ResponseBudget budget = new ResponseBudget(4_000);
        BoundedBodySink sink = new BoundedBodySink(budget, 1_000, false, "m", "e");
        assertTrue(sink.write(bytes(300)).succeeded());
        assertTrue(sink.write(bytes(200)).succeeded());
        assertEquals(500, budget.inFlight());
        List<byte[]> body = sink.chunks();
        assertEquals(2, body.size());
        assertEquals(0, budget.inFlight());
        sink.discard(); // a second way out gives nothing back twice
        assertEquals(0, budget.inFlight());
        refusal(sink.write(bytes(1))); // nothing is collected after the hand-over
        assertEquals(0, budget.inFlight());
    }

    @Test
    void crossingTheCeilingFailsAndGivesBack() {
        ResponseBudget budget = new ResponseBudget(4_000);
        BoundedBodySink sink = new BoundedBodySink(budget, 1_000, false, "m", "e");
        assertTrue(sink.write(bytes(600)).succeeded());
        PayloadTooLargeException e = refusal(sink.write(bytes(600)));
        assertEquals(1_000, e.limit());
        assertEquals(1_200, e.bytesSeen());
        assertTrue(e.getMessage().contains("quarter of the"), e.getMessage());
        assertEquals(0, budget.inFlight());
    }

    @Test
    void aFailedTransferGivesBack() {
        ResponseBudget budget = new ResponseBudget(4_000);
        BoundedBodySink sink = new BoundedBodySink(budget, 1_000, true, "m", "e");
        assertTrue(sink.write(bytes(700)).succeeded());
        sink.discard(); // what the provider does when the connection breaks or the answer is unreadable
        assertEquals(0, budget.inFlight());
    }

    @Test
    void answersInFlightTogetherShareTheBudget() {
        ResponseBudget budget = new ResponseBudget(4_000); // 2,000 bytes for all answers at once
        BoundedBodySink first = new BoundedBodySink(budget, 1_500, true, "m", "e");
        BoundedBodySink second = new BoundedBodySink(budget, 1_500, true, "m", "e");
        assertTrue(first.write(bytes(1_200)).succeeded());
        assertTrue(second.write(bytes(700)).succeeded());
        PayloadTooLargeException e = refusal(second.write(bytes(200)));
        assertTrue(e.getMessage().contains("at once"), e.getMessage());
        assertEquals(1_200, budget.inFlight(), "the refused answer gave its bytes back");
        first.chunks();
        assertEquals(0, budget.inFlight());
        BoundedBodySink third = new BoundedBodySink(budget, 1_500, true, "m", "e");
        assertTrue(third.write(bytes(1_400)).succeeded(), "room again once the first answer is complete");
        third.discard();
        assertEquals(0, budget.inFlight());
    }
}
