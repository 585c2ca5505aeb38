package io.ethbus.testsupport;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Blocks a test thread (never an event loop) on a future or a condition, bounded in time. */
public final class Await {
    private Await() {
    }

    /** What {@code work} returns when run on {@code context} (streams are used from their own context). */
    public static <T> T onContext(Context context, Supplier<T> work) {
        Promise<T> done = Promise.promise();
        context.runOnContext(v -> {
            try {
                done.complete(work.get());
            } catch (RuntimeException e) {
                done.fail(e);
            }
        });
        return result(done.future());
    }

    public static <T> T result(Future<T> future) {
        return result(future, 30);
    }

    public static <T> T result(Future<T> future, long seconds) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new AssertionError("future failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no result within " + seconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Polls {@code condition} every 10 ms until it holds; fails naming {@code what} after {@code seconds}. */
    public static void until(String what, BooleanSupplier condition, long seconds) {
        long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > limit) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /** The failure of a future that must fail, bounded in time. */
    public static Throwable failure(Future<?> future) {
        try {
            Object value = result(future);
            throw new AssertionError("expected a failure, got " + value);
        } catch (RuntimeException e) {
            return e;
        }
    }
}
