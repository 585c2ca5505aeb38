package io.ethbus.node;

import io.ethbus.provider.ConnectionOptions;
import io.ethbus.provider.IpcProvider;
import io.ethbus.provider.SubscriptionProvider;
import io.ethbus.provider.WebSocketProvider;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the chain head of each endpoint that has a {@code wsUrl} or {@code ipcPath} in
 * the configuration to {@code ethbus.heads.<endpoint>} (see {@link HeadEventJson}), gap-free
 * and reorg-aware, so any verticle just registers a consumer. One upstream subscription per
 * endpoint per Vert.x instance, however many consumers and however many instances of this
 * verticle are deployed: an instance claims an endpoint before following it.
 *
 * <p>Endpoint keys read: {@code wsUrl} or {@code ipcPath}, {@code maxReorgDepth} (64),
 * {@code reconnectBaseMs} (250), {@code reconnectMaxMs} (30000).
 */
public class SubscriptionVerticle extends VerticleBase {
    private static final String CLAIMS = "ethbus.subscriptions";

    private final List<HeadFollower> followers = new ArrayList<>();
    private final List<SubscriptionProvider> providers = new ArrayList<>();
    private final List<String> claimed = new ArrayList<>();

    /** The address where heads of {@code endpoint} are published. */
    public static String headsAddress(String endpoint) {
        return "ethbus.heads." + endpoint;
    }

    @Override
    public Future<?> start() {
        JsonObject endpoints = config().getJsonObject("endpoints", new JsonObject());
        LocalMap<String, String> claims = vertx.sharedData().getLocalMap(CLAIMS);
        List<Future<Void>> started = new ArrayList<>();
        for (String name : endpoints.fieldNames()) {
            JsonObject endpoint = endpoints.getJsonObject(name);
            String ws = endpoint.getString("wsUrl");
            String ipc = endpoint.getString("ipcPath");
            if ((ws == null && ipc == null) || claims.putIfAbsent(name, deploymentID()) != null) {
                continue; // nothing to follow, or another instance follows it already
            }
            claimed.add(name);
            SubscriptionProvider provider = ws != null
                    ? new WebSocketProvider(vertx, ConnectionOptions.of(ws))
                    : new IpcProvider(vertx, ConnectionOptions.of(ipc));
            providers.add(provider);
            String address = headsAddress(name);
            HeadFollower follower = new HeadFollower(vertx, provider, endpoint.getInteger("maxReorgDepth", 64),
                    Duration.ofMillis(endpoint.getLong("reconnectBaseMs", 250L)),
                    Duration.ofMillis(endpoint.getLong("reconnectMaxMs", 30_000L)),
                    event -> vertx.eventBus().publish(address, HeadEventJson.encode(event)));
            followers.add(follower);
            started.add(follower.start());
        }
        return Future.all(started);
    }

    @Override
    public Future<?> stop() {
        List<Future<Void>> stopping = new ArrayList<>();
        followers.forEach(f -> stopping.add(f.stop()));
        return Future.join(stopping).eventually(() -> {
            LocalMap<String, String> claims = vertx.sharedData().getLocalMap(CLAIMS);
            claimed.forEach(name -> claims.remove(name, deploymentID()));
            List<Future<Void>> closing = new ArrayList<>();
            providers.forEach(p -> closing.add(p.close()));
            return Future.join(closing);
        });
    }

    /** The followers of this instance, for inspection. */
    public List<HeadFollower> followers() {
        return List.copyOf(followers);
    }
}
