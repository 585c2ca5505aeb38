package io.ethbus.testsupport;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

import static io.ethbus.testsupport.Await.result;

/** Event-loop contexts for tests that care which loop code runs on. */
public final class EventLoops {
    private EventLoops() {
    }

    /**
     * The context of a new deployment: new contexts take the event loops in turn, so
     * as many calls in a row as there are loops give one context on each (a non-Vert.x
     * thread's own context would be the same one each time).
     */
    public static Context newLoop(Vertx vertx) {
        Promise<Context> loop = Promise.promise();
        result(vertx.deployVerticle(new AbstractVerticle() {
            @Override
            public void start() {
                loop.complete(context);
            }
        }));
        return result(loop.future());
    }

    /** Runs {@code task} on {@code context} and returns what it returned. */
    public static <T> T on(Context context, Supplier<T> task) {
        Promise<T> done = Promise.promise();
        context.runOnContext(v -> done.complete(task.get()));
        return result(done.future());
    }
}
