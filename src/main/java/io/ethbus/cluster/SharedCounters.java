package io.ethbus.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Counter;

/**
 * Opens cluster-wide counters without blocking an event loop: vertx-hazelcast creates a
 * counter with a blocking Hazelcast call inside {@code sharedData().getCounter}, so the
 * look-up runs on a worker; the counter's own operations are asynchronous.
 */
final class SharedCounters {
    private SharedCounters() {
    }

    /** The counter {@code name} of {@code vertx}'s cluster (or of the JVM when not clustered). */
    static Future<Counter> open(Vertx vertx, String name) {
        return vertx.executeBlocking(() -> vertx.sharedData().getCounter(name), false).compose(f -> f);
    }
}
