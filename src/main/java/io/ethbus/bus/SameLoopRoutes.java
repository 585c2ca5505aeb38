package io.ethbus.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.shareddata.LocalMap;

/**
 * Routes a call to the node verticle instance that runs on the caller's own event loop, when
 * this Vert.x instance has one. Vert.x spreads a request over an address's consumers round
 * robin, so a caller's request usually wakes another event loop and its answer wakes the
 * caller's again; handed to the instance on the caller's loop, both go through that loop's
 * task queue and no thread is woken. Node verticles are deployed one per event loop, so a
 * caller on any loop finds one.
 *
 * <p>Each node instance also takes its endpoint's calls at a local-only address named after
 * its loop, recorded in this Vert.x instance's local shared data; a caller on that loop is
 * sent there. Callers on other threads (workers, non-Vert.x threads) and callers of a
 * clustered Vert.x use the endpoint's address as before: in a cluster, the spread of calls
 * over members is what the member owner asked for.
 */
public final class SameLoopRoutes {
    private static final String MAP = "ethbus.same-loop-routes";

    private SameLoopRoutes() {
    }

    /**
     * On a node instance's event loop: takes {@code address}'s calls from callers on this loop
     * at a local-only address too. Returns that consumer (to {@link #close}), or null when not
     * called on an event loop of {@code vertx}.
     */
    public static MessageConsumer<Object> serve(Vertx vertx, String address, Handler<Message<Object>> handler) {
        if (!onLoopOf(vertx)) {
            return null;
        }
        String loopAddress = loopAddress(address);
        MessageConsumer<Object> consumer = vertx.eventBus().localConsumer(loopAddress, handler);
        // recorded once the consumer is registered, so a caller never finds an address with no one at it
        consumer.completion().onSuccess(v -> routes(vertx).put(loopAddress, Boolean.TRUE));
        return consumer;
    }

    /** Where a caller on the current thread should send a call for {@code address}. */
    public static String addressFor(Vertx vertx, String address) {
        if (vertx.isClustered() || !onLoopOf(vertx)) {
            return address;
        }
        String loopAddress = loopAddress(address);
        return routes(vertx).containsKey(loopAddress) ? loopAddress : address;
    }

    /** Unregisters a consumer {@link #serve} returned; callers stop being sent to it first. */
    public static Future<Void> close(Vertx vertx, MessageConsumer<Object> consumer) {
        routes(vertx).remove(consumer.address());
        return consumer.unregister();
    }

    private static boolean onLoopOf(Vertx vertx) {
        Context context = Vertx.currentContext();
        return Context.isOnEventLoopThread() && context != null && context.owner() == vertx;
    }

    /** Event-loop thread names are unique within one Vert.x instance, and the routes are per instance. */
    private static String loopAddress(String address) {
        return address + "@" + Thread.currentThread().getName();
    }

    private static LocalMap<String, Boolean> routes(Vertx vertx) {
        return vertx.sharedData().getLocalMap(MAP);
    }
}
