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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *
 * <p>A named filter with an {@code abi} member (a JSON ABI array, or an array of
 * human-readable signatures such as
 * {@code "event Transfer(address indexed from, address indexed to, uint256 value)"}) also has
 * its logs decoded: each log of an event of that ABI (by topic0; anonymous events are not
 * recognised) is published, in addition, to {@code ethbus.events.<endpoint>.<name>} as
 * {@link DecodedEventJson} writes it, so a consumer in any Vert.x language gets decoded events
 * without ABI code. A log of a known event that does not decode is not published there: it is
 * counted ({@code ethbus.subscription.events.undecodable}, tags endpoint and filter) and
 * logged with its position. A bad {@code abi} fails the start, naming the filter.
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

    /** Where the decoded events of the named filter {@code filterName} with an {@code abi} are published. */
    public static String eventsAddress(String endpoint, String filterName) {
        return "ethbus.events." + endpoint + "." + filterName;
    }

    public static String pendingAddress(String endpoint) {
        return "ethbus.pending." + endpoint;
    }

    @Override
    public Future<?> start() {
        JsonObject endpoints = config().getJsonObject("endpoints", new JsonObject());
        LocalMap<String, String> claims = vertx.sharedData().getLocalMap(CLAIMS);
        Map<String, Map<String, NamedFilterEvents>> decoded = new HashMap<>();
        try {
            // every endpoint's, claimed or not: a bad abi fails every instance alike
            for (String name : endpoints.fieldNames()) {
                decoded.put(name, namedFilterEvents(name, endpoints.getJsonObject(name)));
            }
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        List<Future<Void>> started = new ArrayList<>();
        for (String name : endpoints.fieldNames()) {
            JsonObject endpoint = endpoints.getJsonObject(name);
            Map<String, NamedFilterEvents> events = decoded.get(name);
            boolean pushed = endpoint.containsKey("wsUrl") || endpoint.containsKey("ipcPath");
            boolean polled = !pushed && endpoint.containsKey("url") && endpoint.containsKey("pollIntervalMs");
            if (!(pushed || polled) || claims.putIfAbsent(name, deploymentID()) != null) {
                continue; // nothing to follow, or another instance follows it already
            }
            claimed.add(name);
            AtomicLong lastHeadAt = new AtomicLong();
            Supplier<ChainFollower> upstream = () -> pushed
                    ? pushedFollower(name, endpoint, events, lastHeadAt) : polledFollower(name, endpoint, events, lastHeadAt);
            ChainFollower follower = sharing.stream().filter(s -> s.appliesTo(vertx)).findFirst()
                    .map(s -> s.share(vertx, name, headsAddress(name), upstream)).orElseGet(upstream);
            followers.add(follower);
            registerMeters(name, follower, lastHeadAt, events.values());
            started.add(follower.start());
        }
        return Future.all(started);
    }

    /** The decoded events of the endpoint's named filters that have an {@code abi}, by filter name. */
    private static Map<String, NamedFilterEvents> namedFilterEvents(String name, JsonObject endpoint) {
        Map<String, NamedFilterEvents> out = new HashMap<>();
        JsonObject filters = endpoint.getJsonObject("logs", new JsonObject());
        for (String filterName : filters.fieldNames()) {
            NamedFilterEvents.of(name, filterName, filters.getJsonObject(filterName)).ifPresent(e -> out.put(filterName, e));
        }
        return out;
    }

    /**
     * Reconnects, the age of the last head delivered and the logs that did not decode as
     * events, per endpoint, for the operations port.
     */
    private void registerMeters(String name, ChainFollower follower, AtomicLong lastHeadAt,
                                Collection<NamedFilterEvents> events) {
        MeterRegistry registry = NodeMetrics.registry(vertx);
        events.forEach(e -> FunctionCounter.builder("ethbus.subscription.events.undecodable", e, NamedFilterEvents::undecodable)
                .tags("endpoint", name, "filter", e.filterName())
                .description("logs of an event of the filter's abi that did not decode").register(registry));
        FunctionCounter.builder("ethbus.subscription.reconnects", follower, ChainFollower::reconnects)
                .tag("endpoint", name).register(registry);
        TimeGauge.builder("ethbus.subscription.head.age", lastHeadAt, TimeUnit.MILLISECONDS,
                        t -> t.get() == 0 ? Double.NaN : System.currentTimeMillis() - t.get())
                .tag("endpoint", name).description("time since the last head was delivered").register(registry);
    }

    private ChainFollower pushedFollower(String name, JsonObject endpoint, Map<String, NamedFilterEvents> events,
                                         AtomicLong lastHeadAt) {
        String ws = endpoint.getString("wsUrl");
        SubscriptionProvider provider = ws != null
                ? new WebSocketProvider(vertx, ConnectionOptions.of(ws))
                : new IpcProvider(vertx, ConnectionOptions.of(endpoint.getString("ipcPath")));
        providers.add(provider);
        String pending = pendingAddress(name);
        return new HeadFollower(vertx, provider, endpoint.getInteger("maxReorgDepth", 64),
                Duration.ofMillis(endpoint.getLong("reconnectBaseMs", 250L)),
                Duration.ofMillis(endpoint.getLong("reconnectMaxMs", 30_000L)),
                publisher(name, endpoint, events, new RpcCaller(provider), lastHeadAt),
                endpoint.getBoolean("pending", false) ? hash -> vertx.eventBus().publish(pending, hash) : null);
    }

    private ChainFollower polledFollower(String name, JsonObject endpoint, Map<String, NamedFilterEvents> events,
                                         AtomicLong lastHeadAt) {
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(endpoint.getString("url")));
        providers.add(provider);
        RpcCaller caller = new RpcCaller(provider);
        return new PolledHeadFollower(vertx, caller, Duration.ofMillis(endpoint.getLong("pollIntervalMs")),
                endpoint.getInteger("maxReorgDepth", 64), publisher(name, endpoint, events, caller, lastHeadAt));
    }

    /** Publishes each head event, and feeds it to the endpoint's named log filters. */
    private Consumer<HeadEvent> publisher(String name, JsonObject endpoint, Map<String, NamedFilterEvents> events,
                                          RpcCaller caller, AtomicLong lastHeadAt) {
        String heads = headsAddress(name);
        List<LogFollower<ObjectNode>> logFollowers = new ArrayList<>();
        JsonObject filters = endpoint.getJsonObject("logs", new JsonObject());
        for (String filterName : filters.fieldNames()) {
            LogFilter filter = LogFilter.fromJson(JsonRpcCodec.parse(
                    filters.getJsonObject(filterName).toBuffer().getBytes(), "logs." + filterName, name));
            String address = logsAddress(name, filterName);
            String eventsAddress = eventsAddress(name, filterName);
            NamedFilterEvents decoded = events.get(filterName);
            logFollowers.add(new LogFollower<>(filter, f -> caller.request(RpcMethod.ETH_GET_LOGS.wireName(), f.toJson()).map(SubscriptionVerticle::objects),
                    log -> log.deepCopy().put("removed", true),
                    log -> {
                        vertx.eventBus().publish(address, new JsonObject(Buffer.buffer(log.toString())));
                        if (decoded != null) {
                            decoded.decode(log).ifPresent(event -> vertx.eventBus().publish(eventsAddress, event));
                        }
                    },
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
