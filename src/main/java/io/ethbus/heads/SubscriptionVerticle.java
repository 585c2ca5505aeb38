package io.ethbus.heads;

import io.ethbus.metrics.NodeMetrics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.eth.LogFilter;
import io.ethbus.provider.ConnectionOptions;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.provider.IpcProvider;
import io.ethbus.provider.Provider;
import io.ethbus.provider.SubscriptionProvider;
import io.ethbus.provider.WebSocketProvider;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcMethod;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Publishes, for each endpoint of its configuration that it can follow, the chain head to
 * {@code ethbus.heads.<endpoint>} (see {@link HeadEventJson}), gap-free and reorg-aware;
 * logs of named filters to {@code ethbus.logs.<endpoint>.<name>} (log objects as the node
 * writes them, taken back with {@code "removed": true} on a reorg); and, when asked, pending
 * transaction hashes to {@code ethbus.pending.<endpoint>}. Any verticle just registers a
 * consumer. One upstream per endpoint per Vert.x instance, however many consumers and
 * instances of this verticle: an instance claims an endpoint before following it. On a
 * clustered Vert.x, one upstream per endpoint for the whole cluster: the members take turns
 * through a cluster lock and a new holder continues where the last one stopped (the
 * {@link FollowerSharing} that the cluster package provides).
 *
 * <p>Endpoint keys: {@code wsUrl} or {@code ipcPath} (pushed heads, no timer while idle),
 * else {@code url} with {@code pollIntervalMs} (HTTP-only nodes: eth_blockNumber on that
 * deliberate timer); {@code maxReorgDepth} (64); {@code reconnectBaseMs} (250);
 * {@code reconnectMaxMs} (30000); {@code pending} (false, pushed endpoints only);
 * {@code logs}: {@code {"<name>": {"address": ..., "topics": [...]}}}.
 */
public class SubscriptionVerticle extends VerticleBase {
    private static final String CLAIMS = "ethbus.subscriptions";

    private final List<ChainFollower> followers = new ArrayList<>();
    private final List<Provider> providers = new ArrayList<>();
    private final List<String> claimed = new ArrayList<>();
    private final List<FollowerSharing> sharing = ServiceLoader.load(FollowerSharing.class).stream()
            .map(ServiceLoader.Provider::get).toList();

    public static String headsAddress(String endpoint) {
        return "ethbus.heads." + endpoint;
    }

    public static String logsAddress(String endpoint, String filterName) {
        return "ethbus.logs." + endpoint + "." + filterName;
    }

    public static String pendingAddress(String endpoint) {
        return "ethbus.pending." + endpoint;
    }

    @Override
    public Future<?> start() {
        JsonObject endpoints = config().getJsonObject("endpoints", new JsonObject());
        LocalMap<String, String> claims = vertx.sharedData().getLocalMap(CLAIMS);
        List<Future<Void>> started = new ArrayList<>();
        for (String name : endpoints.fieldNames()) {
            JsonObject endpoint = endpoints.getJsonObject(name);
            boolean pushed = endpoint.containsKey("wsUrl") || endpoint.containsKey("ipcPath");
            boolean polled = !pushed && endpoint.containsKey("url") && endpoint.containsKey("pollIntervalMs");
            if (!(pushed || polled) || claims.putIfAbsent(name, deploymentID()) != null) {
                continue; // nothing to follow, or another instance follows it already
            }
            claimed.add(name);
            AtomicLong lastHeadAt = new AtomicLong();
            Supplier<ChainFollower> upstream = () -> pushed
                    ? pushedFollower(name, endpoint, lastHeadAt) : polledFollower(name, endpoint, lastHeadAt);
            ChainFollower follower = sharing.stream().filter(s -> s.appliesTo(vertx)).findFirst()
                    .map(s -> s.share(vertx, name, headsAddress(name), upstream)).orElseGet(upstream);
            followers.add(follower);
            registerMeters(name, follower, lastHeadAt);
            started.add(follower.start());
        }
        return Future.all(started);
    }

    /** Reconnects and the age of the last head delivered, per endpoint, for the operations port. */
    private void registerMeters(String name, ChainFollower follower, AtomicLong lastHeadAt) {
        MeterRegistry registry = NodeMetrics.registry(vertx);
        FunctionCounter.builder("ethbus.subscription.reconnects", follower, ChainFollower::reconnects)
                .tag("endpoint", name).register(registry);
        TimeGauge.builder("ethbus.subscription.head.age", lastHeadAt, TimeUnit.MILLISECONDS,
                        t -> t.get() == 0 ? Double.NaN : System.currentTimeMillis() - t.get())
                .tag("endpoint", name).description("time since the last head was delivered").register(registry);
    }

    private ChainFollower pushedFollower(String name, JsonObject endpoint, AtomicLong lastHeadAt) {
        String ws = endpoint.getString("wsUrl");
        SubscriptionProvider provider = ws != null
                ? new WebSocketProvider(vertx, ConnectionOptions.of(ws))
                : new IpcProvider(vertx, ConnectionOptions.of(endpoint.getString("ipcPath")));
        providers.add(provider);
        String pending = pendingAddress(name);
        return new HeadFollower(vertx, provider, endpoint.getInteger("maxReorgDepth", 64),
                Duration.ofMillis(endpoint.getLong("reconnectBaseMs", 250L)),
                Duration.ofMillis(endpoint.getLong("reconnectMaxMs", 30_000L)),
                publisher(name, endpoint, new RpcCaller(provider), lastHeadAt),
                endpoint.getBoolean("pending", false) ? hash -> vertx.eventBus().publish(pending, hash) : null);
    }

    private ChainFollower polledFollower(String name, JsonObject endpoint, AtomicLong lastHeadAt) {
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(endpoint.getString("url")));
        providers.add(provider);
        RpcCaller caller = new RpcCaller(provider);
        return new PolledHeadFollower(vertx, caller, Duration.ofMillis(endpoint.getLong("pollIntervalMs")),
                endpoint.getInteger("maxReorgDepth", 64), publisher(name, endpoint, caller, lastHeadAt));
    }

    /** Publishes each head event, and feeds it to the endpoint's named log filters. */
    private Consumer<HeadEvent> publisher(String name, JsonObject endpoint, RpcCaller caller, AtomicLong lastHeadAt) {
        String heads = headsAddress(name);
        List<LogFollower<ObjectNode>> logFollowers = new ArrayList<>();
        JsonObject filters = endpoint.getJsonObject("logs", new JsonObject());
        for (String filterName : filters.fieldNames()) {
            LogFilter filter = LogFilter.fromJson(JsonRpcCodec.parse(
                    filters.getJsonObject(filterName).toBuffer().getBytes(), "logs." + filterName, name));
            String address = logsAddress(name, filterName);
            logFollowers.add(new LogFollower<>(filter, f -> caller.request(RpcMethod.ETH_GET_LOGS.wireName(), f.toJson()).map(SubscriptionVerticle::objects),
                    log -> log.deepCopy().put("removed", true),
                    log -> vertx.eventBus().publish(address, new JsonObject(Buffer.buffer(log.toString()))),
                    endpoint.getInteger("maxReorgDepth", 64) + 1));
        }
        return event -> {
            if (event instanceof HeadEvent.NewHead) {
                lastHeadAt.set(System.currentTimeMillis());
            }
            JsonObject json = HeadEventJson.encode(event);
            vertx.eventBus().publish(heads, json);
            logFollowers.forEach(f -> f.onHeadEvent(json));
        };
    }

    private static List<ObjectNode> objects(JsonNode array) {
        List<ObjectNode> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add((ObjectNode) n));
        return out;
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
    public List<ChainFollower> followers() {
        return List.copyOf(followers);
    }
}
