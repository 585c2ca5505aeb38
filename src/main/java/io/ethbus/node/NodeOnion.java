package io.ethbus.node;

import io.ethbus.metrics.NodeMetrics;
import io.ethbus.cluster.ClusterRateBudgetMiddleware;
import io.ethbus.middleware.LatestBlockBasedCacheMiddleware;
import io.ethbus.middleware.LruCache;
import io.ethbus.middleware.Middleware;
import io.ethbus.middleware.MetricsMiddleware;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.ethbus.middleware.Onion;
import io.ethbus.middleware.PoaMiddleware;
import io.ethbus.middleware.RetryMiddleware;
import io.ethbus.middleware.RetryPolicy;
import io.ethbus.middleware.SimpleCacheMiddleware;
import io.ethbus.middleware.StalecheckMiddleware;
import io.ethbus.middleware.TimeBasedCacheMiddleware;
import io.ethbus.middleware.ValidationMiddleware;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * Builds the node onion of one endpoint from its middleware settings: the layers that
 * belong to the connection (retry, caches, stale check, PoA, formatting). Each layer is
 * configured under its name in the endpoint's {@code middleware} object, as {@code true} /
 * {@code false} or as a settings object, which can turn it off with {@code "enabled": false};
 * a settings object without {@code enabled} turns its layer on (any other value is refused by
 * {@link EndpointConfig}). Innermost first:
 * <ul>
 *   <li>{@code poa} (off by default; {@code true} or {@code {"enabled": true}}): {@link PoaMiddleware},
 *       innermost, so that every layer above sees clique blocks in the usual shape;</li>
 *   <li>{@code validation} (on by default): {@link ValidationMiddleware};</li>
 *   <li>{@code stalecheck} (off by default): {@link StalecheckMiddleware} with {@code allowableDelayMs}
 *       (default 120000); below the caches, so that a cached answer is served even from a stale node;</li>
 *   <li>{@code latestBlockCache} (off by default): {@link LatestBlockBasedCacheMiddleware} with
 *       {@code maxEntries} (default 4096) and {@code initialBlockTimeMs} (default 2000);</li>
 *   <li>{@code timeBasedCache} (off by default): {@link TimeBasedCacheMiddleware} with {@code expiryMs}
 *       (default 15000) and {@code maxEntries} (default 256);</li>
 *   <li>{@code simpleCache} (on by default): {@link SimpleCacheMiddleware} with {@code maxEntries}
 *       (default 4096);</li>
 *   <li>{@code retry} (on by default, outermost): {@link RetryMiddleware} with
 *       {@code maxAttempts}, {@code baseDelayMs}, {@code maxDelayMs};</li>
 *   <li>{@code rateBudget} (off by default; innermost of all when on): {@link ClusterRateBudgetMiddleware}
 *       with {@code requestsPerSecond} (default 100) and {@code maxWaitMs} (default 10000), shared by
 *       every member of a cluster.</li>
 * </ul>
 * {@code metrics} (on by default) adds two {@link MetricsMiddleware} layers: {@code metrics}
 * outermost (what callers asked, timer {@code ethbus.rpc.requests}) and {@code node_metrics}
 * innermost (what reached the node, timer {@code ethbus.node.calls}).
 * So by default, outermost first: {@code metrics, retry, simple_cache, validation, node_metrics}. Every verticle
 * instance builds its own onion, so no two instances share a cache.
 * Layers that fill transactions for a caller (GasPriceStrategyMiddleware,
 * BufferedGasEstimateMiddleware) belong to the client onion, not here; so does
 * LocalFilterMiddleware when a caller wants filters that outlive a node.
 */
final class NodeOnion {
    private NodeOnion() {
    }

    static Onion defaultStack(EndpointConfig endpoint, Vertx vertx) {
        Onion onion = new Onion();
        JsonObject layers = endpoint.middleware();

        if (enabled(layers, "validation", true)) {
            onion.add(new ValidationMiddleware(), "validation");
        }

        // Innermost whatever the order of these blocks: the layers above see plain blocks.
        if (enabled(layers, "poa", false)) {
            onion.inject(new PoaMiddleware(), "poa", 0);
        }

        if (enabled(layers, "stalecheck", false)) {
            JsonObject stalecheck = settings(layers, "stalecheck");
            onion.add(new StalecheckMiddleware(Duration.ofMillis(stalecheck.getLong("allowableDelayMs", 120_000L))),
                    "stalecheck");
        }

        if (enabled(layers, "latestBlockCache", false)) {
            JsonObject latest = settings(layers, "latestBlockCache");
            onion.add(new LatestBlockBasedCacheMiddleware(latest.getInteger("maxEntries", 4096),
                    Duration.ofMillis(latest.getLong("initialBlockTimeMs", 2_000L))), "latest_block_cache");
        }

        if (enabled(layers, "timeBasedCache", false)) {
            JsonObject timed = settings(layers, "timeBasedCache");
            onion.add(new TimeBasedCacheMiddleware(Duration.ofMillis(timed.getLong("expiryMs", 15_000L)),
                    timed.getInteger("maxEntries", 256)), "time_based_cache");
        }

        if (enabled(layers, "simpleCache", true)) {
            onion.add(new SimpleCacheMiddleware(settings(layers, "simpleCache").getInteger("maxEntries", 4096)),
                    "simple_cache");
        }

        // Innermost: what reaches the node (every retry attempt, no cache hit).
        if (enabled(layers, "metrics", true)) {
            onion.inject(new MetricsMiddleware(NodeMetrics.registry(vertx), "ethbus.node.calls", endpoint.name()),
                    "node_metrics", 0);
        }

        // Outermost but for metrics: a retry repeats every layer below it.
        if (enabled(layers, "retry", true)) {
            onion.add(new RetryMiddleware(vertx, retryPolicy(settings(layers, "retry"))), "retry");
        }
        // Innermost of all: every call that reaches the node, retries included, takes a turn.
        if (enabled(layers, "rateBudget", false)) {
            JsonObject budget = settings(layers, "rateBudget");
            onion.inject(new ClusterRateBudgetMiddleware(vertx, endpoint.name(), budget.getLong("requestsPerSecond", 100L),
                    Duration.ofMillis(budget.getLong("maxWaitMs", 10_000L))), "rate_budget", 0);
        }

        // Outermost: what callers asked for, and how it ended for them.
        if (enabled(layers, "metrics", true)) {
            onion.add(new MetricsMiddleware(NodeMetrics.registry(vertx), "ethbus.rpc.requests", endpoint.name()), "metrics");
            registerLayerMeters(onion, endpoint.name(), NodeMetrics.registry(vertx));
        }
        return onion;
    }

    /**
     * Counters that layers keep for themselves, read by the registry when it is scraped:
     * retries, cache hits and misses, rate-budget waits. Tagged by endpoint, layer and verticle
     * instance (each instance has its own layers); sum over instances for the endpoint.
     */
    static void registerLayerMeters(Onion onion, String endpoint, MeterRegistry registry) {
        for (String name : onion.names()) {
            Middleware layer = onion.get(name).orElseThrow();
            Tags tags = Tags.of("endpoint", endpoint, "layer", name, "instance", Integer.toHexString(System.identityHashCode(layer)));
            if (layer instanceof RetryMiddleware retry) {
                FunctionCounter.builder("ethbus.rpc.retries", retry, RetryMiddleware::retries).tags(tags).register(registry);
            } else if (layer instanceof SimpleCacheMiddleware c) {
                cacheMeters(c.cache(), tags, registry);
            } else if (layer instanceof TimeBasedCacheMiddleware c) {
                cacheMeters(c.cache(), tags, registry);
            } else if (layer instanceof LatestBlockBasedCacheMiddleware c) {
                cacheMeters(c.cache(), tags, registry);
            } else if (layer instanceof ClusterRateBudgetMiddleware budget) {
                FunctionCounter.builder("ethbus.rate_budget.waits", budget, ClusterRateBudgetMiddleware::waits).tags(tags).register(registry);
                FunctionCounter.builder("ethbus.rate_budget.waited.ms", budget, ClusterRateBudgetMiddleware::waitedMillis).tags(tags).register(registry);
            }
        }
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
