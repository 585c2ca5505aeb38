package io.ethbus.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.IntFunction;

/**
 * Runs tasks 0..count-1 on one Vert.x context with at most {@code inFlight} unfinished at a
 * time, starting the next as one finishes. Completes when all did; fails with the first failure.
 */
final class InFlightLoop {
    private final int count;
    private final int inFlight;
    private final IntFunction<Future<?>> task;
    private final Promise<Void> done = Promise.promise();
    private int next;
    private int running;

    private InFlightLoop(int count, int inFlight, IntFunction<Future<?>> task) {
        this.count = count;
        this.inFlight = inFlight;
        this.task = task;
    }

    static Future<Void> run(Vertx vertx, int count, int inFlight, IntFunction<Future<?>> task) {
        InFlightLoop loop = new InFlightLoop(count, inFlight, task);
        vertx.getOrCreateContext().runOnContext(v -> loop.pump());
        return loop.done.future();
    }

    private void pump() {
        if (next == count && running == 0) {
            done.tryComplete();
            return;
        }
        while (running < inFlight && next < count) {
            running++;
            task.apply(next++).onComplete(ar -> {
                running--;
                if (ar.failed()) {
                    done.tryFail(ar.cause());
                } else {
                    pump();
                }
            });
        }
    }
}
