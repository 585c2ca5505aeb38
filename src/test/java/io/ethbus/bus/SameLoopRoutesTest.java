package io.ethbus.bus;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.ethbus.testsupport.Await.result;
import static io.ethbus.testsupport.EventLoops.newLoop;
import static io.ethbus.testsupport.EventLoops.on;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A caller on a node instance's own event loop is sent to that instance; every other caller to the endpoint's address. */
class SameLoopRoutesTest {
    static final String ADDRESS = "ethbus.rpc.same-loop-test";
    Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        result(vertx.close());
    }

    @Test
    void aCallerOnTheServingLoopIsSentToItAndServedOnItsOwnThread() {
        Context loop = newLoop(vertx);
        Context otherLoop = newLoop(vertx); // contexts take the event loops in turn
        MessageConsumer<Object> consumer = on(loop, () -> SameLoopRoutes.serve(vertx, ADDRESS,
                (Message<Object> m) -> m.reply(Thread.currentThread().getName())));
        result(consumer.completion());
        String callerThread = on(loop, () -> Thread.currentThread().getName());
        String routed = on(loop, () -> SameLoopRoutes.addressFor(vertx, ADDRESS));
        assertEquals(ADDRESS + "@" + callerThread, routed);
        Promise<Object> served = Promise.promise();
        loop.runOnContext(v -> vertx.eventBus().request(routed, "call").map(Message::body).onComplete(served));
        assertEquals(callerThread, result(served.future()), "served on the caller's own loop");

        assertNotEquals(callerThread, on(otherLoop, () -> Thread.currentThread().getName()));
        assertEquals(ADDRESS, on(otherLoop, () -> SameLoopRoutes.addressFor(vertx, ADDRESS)), "no instance on that loop");
        assertEquals(ADDRESS, SameLoopRoutes.addressFor(vertx, ADDRESS), "not an event loop");

        result(on(loop, () -> SameLoopRoutes.close(vertx, consumer)));
        assertEquals(ADDRESS, on(loop, () -> SameLoopRoutes.addressFor(vertx, ADDRESS)), "closed: the endpoint's address again");
    }

    /** Handed over in the loop's task queue, never called in place: a chain of calls answered at once does not nest. */
    @Test
    void callsAnsweredAtOnceOneAfterAnotherDoNotNest() {
        Context loop = newLoop(vertx);
        MessageConsumer<Object> consumer = on(loop, () -> SameLoopRoutes.serve(vertx, ADDRESS,
                (Message<Object> m) -> m.reply(Thread.currentThread().getStackTrace().length)));
        result(consumer.completion());
        Promise<int[]> depths = Promise.promise();
        loop.runOnContext(v -> chain(SameLoopRoutes.addressFor(vertx, ADDRESS), 20_000, new int[] {Integer.MAX_VALUE, 0}, depths));
        int[] range = result(depths.future());
        assertTrue(range[1] - range[0] < 50, "stack depth of the handler ranged " + range[0] + ".." + range[1]);
    }

    /** Sends {@code left} calls one after another, each from the last one's answer; keeps the least and most depth seen. */
    private void chain(String address, int left, int[] range, Promise<int[]> done) {
        if (left == 0) {
            done.complete(range);
            return;
        }
        vertx.eventBus().<Integer>request(address, "call").onComplete(ar -> {
            if (ar.failed()) {
                done.fail(ar.cause());
                return;
            }
            range[0] = Math.min(range[0], ar.result().body());
            range[1] = Math.max(range[1], ar.result().body());
            chain(address, left - 1, range, done);
        });
    }

    @Test
    void offAnEventLoopNothingIsServedAndAnotherVertxsLoopIsNotThisOnes() {
        assertNull(SameLoopRoutes.serve(vertx, ADDRESS, m -> m.reply("x")));
        Context loop = newLoop(vertx);
        MessageConsumer<Object> consumer = on(loop, () -> SameLoopRoutes.serve(vertx, ADDRESS, m -> m.reply("x")));
        result(consumer.completion());
        Vertx other = Vertx.vertx();
        try {
            // the other instance's loop threads may have the same names as this one's
            assertEquals(ADDRESS, on(newLoop(other), () -> SameLoopRoutes.addressFor(vertx, ADDRESS)));
        } finally {
            result(other.close());
        }
    }
}
