package io.ethbus.node;

import io.ethbus.metrics.NodeMetrics;
import io.ethbus.middleware.LatestBlockBasedCacheMiddleware;
import io.ethbus.middleware.LruCache;
import io.ethbus.middleware.MetricsMiddleware;
import io.ethbus.middleware.Middleware;
import io.ethbus.middleware.Onion;
import io.ethbus.middleware.PoaMiddleware;
import io.ethbus.middleware.RetryMiddleware;
import io.ethbus.rpc.RetryPolicy;
import io.ethbus.middleware.SimpleCacheMiddleware;
import io.ethbus.middleware.StalecheckMiddleware;
import io.ethbus.middleware.TimeBasedCacheMiddleware;
import io.ethbus.middleware.ValidationMiddleware;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The node onion of one endpoint: the layers that belong to the connection, in one table,
 * outermost first, so that the order is read here rather than worked out. Each layer is
 * configured under its key in the endpoint's {@code middleware} object, as {@code true} /
 * {@code false} or as a settings object, which can turn it off with {@code "enabled": false};
 * a settings object without {@code enabled} turns its layer on (any other value is refused by
 * {@link EndpointConfig}). By default, outermost first: {@code metrics, retry, simple_cache,
 * validation, node_metrics}. Every verticle instance builds its own onion, so no two instances
 * share a cache. Layers that fill transactions for a caller (gas price, gas estimate, signing)
 * belong to the client onion, not here; so does LocalFilterMiddleware when a caller wants filters
 * that outlive a node.
 */
final class NodeOnion {
    /** The key of the layer that packages above {@code node} provide through {@link NodeLayerFactory}. */
    private static final String RATE_BUDGET = "rateBudget";

    private NodeOnion() {
    }

    /**
     * One row of the table: the settings key, the name in the onion, whether it is on when not
     * configured, how to build it, and the counters it keeps for itself.
     */
    private record Layer<M extends Middleware>(String key, String name, boolean byDefault,
                                               Function<JsonObject, M> make, Meters<M> meters) {
        @SuppressWarnings("unchecked")
        void bind(Middleware layer, Tags tags, MeterRegistry registry) {
            meters.bind((M) layer, tags, registry);
        }
    }

    private interface Meters<M> {
        Meters<Middleware> NONE = (layer, tags, registry) -> { };

        void bind(M layer, Tags tags, MeterRegistry registry);
    }

    /** Outermost first; each row says why it sits where it does. */
    private static List<Layer<?>> table(EndpointConfig endpoint, Vertx vertx) {
        MeterRegistry registry = NodeMetrics.registry(vertx);
        return List.of(
                // What callers asked for, and how it ended for them (timer ethbus.rpc.requests).
                new Layer<Middleware>("metrics", "metrics", true,
                        s -> new MetricsMiddleware(registry, "ethbus.rpc.requests", endpoint.name()), Meters.NONE),
                // A retry repeats every layer below it: {maxAttempts, baseDelayMs, maxDelayMs}.
                new Layer<>("retry", "retry", true, s -> new RetryMiddleware(vertx, retryPolicy(s)),
                        (retry, tags, r) -> FunctionCounter.builder("ethbus.rpc.retries", retry, RetryMiddleware::retries)
                                .tags(tags).register(r)),
                // {maxEntries: 4096}: answers that never change (by hash, by block number).
                new Layer<>("simpleCache", "simple_cache", true,
                        s -> new SimpleCacheMiddleware(s.getInteger("maxEntries", 4096)),
                        (cache, tags, r) -> cacheMeters(cache.cache(), tags, r)),
                // {expiryMs: 15000, maxEntries: 256}.
                new Layer<>("timeBasedCache", "time_based_cache", false,
                        s -> new TimeBasedCacheMiddleware(Duration.ofMillis(s.getLong("expiryMs", 15_000L)),
                                s.getInteger("maxEntries", 256)),
                        (cache, tags, r) -> cacheMeters(cache.cache(), tags, r)),
                // {maxEntries: 4096, initialBlockTimeMs: 2000}.
                new Layer<>("latestBlockCache", "latest_block_cache", false,
                        s -> new LatestBlockBasedCacheMiddleware(s.getInteger("maxEntries", 4096),
                                Duration.ofMillis(s.getLong("initialBlockTimeMs", 2_000L))),
                        (cache, tags, r) -> cacheMeters(cache.cache(), tags, r)),
                // {allowableDelayMs: 120000}; below the caches, so a cached answer is served even from a stale node.
                new Layer<Middleware>("stalecheck", "stalecheck", false,
                        s -> new StalecheckMiddleware(Duration.ofMillis(s.getLong("allowableDelayMs", 120_000L))), Meters.NONE),
                new Layer<Middleware>("validation", "validation", true, s -> new ValidationMiddleware(), Meters.NONE),
                // Below every layer that reads blocks, so that they see clique blocks in the usual shape.
                new Layer<Middleware>("poa", "poa", false, s -> new PoaMiddleware(), Meters.NONE),
                // What reached the node: every retry attempt, no cache hit (timer ethbus.node.calls).
                new Layer<Middleware>("metrics", "node_metrics", true,
                        s -> new MetricsMiddleware(registry, "ethbus.node.calls", endpoint.name()), Meters.NONE),
                // Innermost of all: every call that reaches the node, retries included, takes a turn of the
                // budget shared by a cluster {requestsPerSecond: 100, maxWaitMs: 10000}; provided by the cluster package.
                rateBudget(endpoint, vertx));
    }

    static Onion defaultStack(EndpointConfig endpoint, Vertx vertx) {
        JsonObject settings = endpoint.middleware();
        List<Layer<?>> table = table(endpoint, vertx);
        Onion onion = new Onion();
        for (int i = table.size() - 1; i >= 0; i--) { // Onion.add puts a layer outside those added before
            Layer<?> layer = table.get(i);
            if (enabled(settings, layer.key(), layer.byDefault())) {
                onion.add(layer.make().apply(settings(settings, layer.key())), layer.name());
            }
        }
        if (enabled(settings, "metrics", true)) {
            registerLayerMeters(onion, table, endpoint.name(), NodeMetrics.registry(vertx));
        }
        return onion;
    }

    /**
     * Counters that layers keep for themselves, read by the registry when it is scraped:
     * retries, cache hits and misses, rate-budget waits. Tagged by endpoint, layer and verticle
     * instance (each instance has its own layers); sum over instances for the endpoint.
     */
    private static void registerLayerMeters(Onion onion, List<Layer<?>> table, String endpoint, MeterRegistry registry) {
        for (Layer<?> row : table) {
            onion.get(row.name()).ifPresent(layer -> row.bind(layer,
                    Tags.of("endpoint", endpoint, "layer", row.name(), "instance", Integer.toHexString(System.identityHashCode(layer))),
                    registry));
        }
    }

    private static Layer<Middleware> rateBudget(EndpointConfig endpoint, Vertx vertx) {
        Optional<NodeLayerFactory> factory = ServiceLoader.load(NodeLayerFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(f -> f.key().equals(RATE_BUDGET)).findFirst();
        return new Layer<>(RATE_BUDGET, factory.map(NodeLayerFactory::layerName).orElse("rate_budget"), false,
                s -> factory.orElseThrow(() -> new IllegalStateException(
                                "middleware." + RATE_BUDGET + " needs the cluster package on the class path"))
                        .create(vertx, endpoint.name(), s),
                (layer, tags, registry) -> factory.ifPresent(f -> f.bindMeters(layer, tags, registry)));
    }

    private static void cacheMeters(LruCache<?, ?> cache, Tags tags, MeterRegistry registry) {
        FunctionCounter.builder("ethbus.cache.hits", cache, LruCache::hits).tags(tags).register(registry);
        FunctionCounter.builder("ethbus.cache.misses", cache, LruCache::misses).tags(tags).register(registry);
    }

    static RetryPolicy retryPolicy(JsonObject retry) {
        RetryPolicy defaults = RetryPolicy.defaults();
        return defaults.withMaxAttempts(retry.getInteger("maxAttempts", defaults.maxAttempts()))
                .withDelays(Duration.ofMillis(retry.getLong("baseDelayMs", defaults.baseDelay().toMillis())),
                        Duration.ofMillis(retry.getLong("maxDelayMs", defaults.maxDelay().toMillis())));
    }

    /** A layer's switch: {@code "key": true}, {@code "key": {"enabled": true, ...}}, or the default when absent. */
    static boolean enabled(JsonObject layers, String key, boolean byDefault) {
        Object value = layers.getValue(key);
        if (value instanceof Boolean on) {
            return on;
        }
        return value instanceof JsonObject settings ? settings.getBoolean("enabled", true) : byDefault;
    }

    /** A layer's settings object, empty when the layer is given as a plain boolean or not at all. */
    static JsonObject settings(JsonObject layers, String key) {
        return layers.getValue(key) instanceof JsonObject settings ? settings : new JsonObject();
    }
}
