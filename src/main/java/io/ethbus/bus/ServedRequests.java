package io.ethbus.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Counter;

/**
 * How many requests the node verticles of one Vert.x instance have taken for an endpoint,
 * counted in that instance's local shared data (one counter per endpoint, shared by the
 * verticle instances, never by other JVMs). Read it to see how load spreads over members.
 */
public final class ServedRequests {
    private static final String PREFIX = "ethbus.served.";

    private ServedRequests() {
    }

    /** The local counter of {@code endpoint} in {@code vertx}. */
    public static Future<Counter> counter(Vertx vertx, String endpoint) {
        return vertx.sharedData().getLocalCounter(PREFIX + endpoint);
    }

    /** The count so far of {@code endpoint} in {@code vertx}. */
    public static Future<Long> count(Vertx vertx, String endpoint) {
        return counter(vertx, endpoint).compose(Counter::get);
    }
}
