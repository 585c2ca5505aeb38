package io.ethbus.client;

import io.ethbus.heads.ChainFollower;
import io.ethbus.heads.HeadEvent;
import io.ethbus.heads.HeadEventJson;
import io.ethbus.heads.HeadFollower;
import io.ethbus.heads.PolledHeadFollower;
import io.ethbus.provider.Provider;
import io.ethbus.provider.SubscriptionProvider;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The head stream of a client without the event bus: one follower of the client's own
 * provider, shared by all of that client's head and log streams, running only while one is
 * open. Over WebSocket or IPC it takes pushed heads and, after a reconnect, subscribes again and
 * backfills what was mined meanwhile; over HTTP it polls {@code eth_blockNumber}. Either way the
 * events are those a {@code SubscriptionVerticle} publishes ({@link HeadEventJson}): gap-free,
 * with a reorg reported as such. Used from the context that owns the provider.
 */
final class DirectHeads {
    /** As the subscription verticle's defaults: reorgs deeper than this start the stream afresh. */
    private static final int MAX_REORG_DEPTH = 64;

    private final Vertx vertx;
    private final Provider provider;
    private final Duration pollInterval;
    private final List<Sink> sinks = new ArrayList<>();
    private ChainFollower follower;

    private record Sink(Consumer<JsonObject> events, Consumer<Throwable> failure) {
    }

    DirectHeads(Vertx vertx, Provider provider, Duration pollInterval) {
        this.vertx = vertx;
        this.provider = provider;
        this.pollInterval = pollInterval;
    }

    /**
     * Delivers head events to {@code events} from now on (the first is the current head),
     * starting the follower for the first sink; returns what removes the sink again.
     */
    Runnable add(Consumer<JsonObject> events, Consumer<Throwable> failure) {
        Sink sink = new Sink(events, failure);
        sinks.add(sink);
        if (follower == null) {
            ChainFollower started = follower();
            follower = started;
            started.start().onFailure(e -> {
                if (follower == started) {
                    follower = null;
                    List.copyOf(sinks).forEach(s -> s.failure().accept(e));
                    sinks.clear();
                }
            });
        }
        return () -> {
            if (sinks.remove(sink) && sinks.isEmpty() && follower != null) {
                follower.stop();
                follower = null; // nothing open: no subscription, no timer
            }
        };
    }

    private ChainFollower follower() {
        Consumer<HeadEvent> publish = event -> {
            JsonObject json = HeadEventJson.encode(event);
            List.copyOf(sinks).forEach(s -> s.events().accept(json));
        };
        return provider instanceof SubscriptionProvider pushed
                ? new HeadFollower(vertx, pushed, MAX_REORG_DEPTH, Duration.ofMillis(250), Duration.ofSeconds(30), publish, null)
                : new PolledHeadFollower(vertx, new RpcCaller(provider), pollInterval, MAX_REORG_DEPTH, publish);
    }
}
