package io.ethbus.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.IntFunction;

/**
 * Runs tasks 0..count-1 on one Vert.x context with at most {@code inFlight} unfinished at a
 * time, starting the next as one finishes. Completes when all did; fails with the first failure.
 * {@link #runFor} starts tasks until a time is up instead of up to a count.
 */
final class InFlightLoop {
    private final int count;
    private final long endNanos;
    private final int inFlight;
    private final IntFunction<Future<?>> task;
    private final Promise<Integer> done = Promise.promise();
    private int next;
    private int running;

    private InFlightLoop(int count, long endNanos, int inFlight, IntFunction<Future<?>> task) {
        this.count = count;
        this.endNanos = endNanos;
        this.inFlight = inFlight;
        this.task = task;
    }

    static Future<Void> run(Vertx vertx, int count, int inFlight, IntFunction<Future<?>> task) {
        return start(vertx, new InFlightLoop(count, Long.MAX_VALUE, inFlight, task)).mapEmpty();
    }

    /**
     * Starts tasks for {@code duration}, {@code inFlight} at a time, and completes with how many
     * ran once the last one started has finished.
     */
    static Future<Integer> runFor(Vertx vertx, Duration duration, int inFlight, IntFunction<Future<?>> task) {
        return start(vertx, new InFlightLoop(Integer.MAX_VALUE, System.nanoTime() + duration.toNanos(), inFlight, task));
    }

    private static Future<Integer> start(Vertx vertx, InFlightLoop loop) {
        vertx.getOrCreateContext().runOnContext(v -> loop.pump());
        return loop.done.future();
    }

    private void pump() {
        boolean more = next < count && System.nanoTime() < endNanos;
        if (!more && running == 0) {
            done.tryComplete(next);
            return;
        }
        while (running < inFlight && more) {
            running++;
            task.apply(next++).onComplete(ar -> {
                running--;
                if (ar.failed()) {
                    done.tryFail(ar.cause());
                } else {
                    pump();
                }
            });
            more = next < count && System.nanoTime() < endNanos;
        }
    }
}
