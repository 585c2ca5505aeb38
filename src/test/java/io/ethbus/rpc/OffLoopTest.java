package io.ethbus.rpc;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.ethbus.testsupport.Await.onContext;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heavy work asked for on an event loop runs on a worker; light work, and work asked for elsewhere, runs in place. */
class OffLoopTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        result(vertx.close());
    }

    /** Where {@code work} on {@code bytes} ran when asked for on an event loop: "worker" or "loop". */
    private String ranOnLoopAsking(long bytes) {
        Context context = vertx.getOrCreateContext();
        Future<String> where = onContext(context, () -> OffLoop.run(bytes,
                () -> Context.isOnWorkerThread() ? "worker" : Context.isOnEventLoopThread() ? "loop" : "other"));
        return result(where);
    }

    @Test
    void heavyWorkOnAnEventLoopMovesToAWorker() {
        assertEquals("worker", ranOnLoopAsking(OffLoop.HEAVY_BYTES));
        assertEquals("loop", ranOnLoopAsking(OffLoop.HEAVY_BYTES - 1));
        assertTrue(OffLoop.isHeavy(OffLoop.HEAVY_BYTES));
        assertFalse(OffLoop.isHeavy(OffLoop.HEAVY_BYTES - 1));
    }

    @Test
    void workAskedForOutsideVertxRunsInPlace() {
        Thread caller = Thread.currentThread();
        assertSame(caller, result(OffLoop.run(Long.MAX_VALUE, Thread::currentThread)));
    }

    @Test
    void whatTheWorkThrowsFailsTheFuture() {
        IllegalStateException thrown = new IllegalStateException("bad data");
        assertSame(thrown, OffLoop.run(0, () -> {
            throw thrown;
        }).cause());
    }
}
