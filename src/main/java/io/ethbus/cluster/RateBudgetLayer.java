package io.ethbus.cluster;

import io.ethbus.middleware.Middleware;
import io.ethbus.node.NodeLayerFactory;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * The node layer {@code rateBudget}: a {@link ClusterRateBudgetMiddleware} with
 * {@code requestsPerSecond} (default 100) and {@code maxWaitMs} (default 10000), shared by every
 * member of a cluster. Found by the node through {@link java.util.ServiceLoader}, so that
 * {@code node} does not depend on {@code cluster}.
 */
public final class RateBudgetLayer implements NodeLayerFactory {
    @Override
    public String key() {
        return "rateBudget";
    }

    @Override
    public String layerName() {
        return "rate_budget";
    }

    @Override
    public Middleware create(Vertx vertx, String endpoint, JsonObject settings) {
        return new ClusterRateBudgetMiddleware(vertx, endpoint, settings.getLong("requestsPerSecond", 100L),
                Duration.ofMillis(settings.getLong("maxWaitMs", 10_000L)));
    }

    @Override
    public void bindMeters(Middleware layer, Tags tags, MeterRegistry registry) {
        ClusterRateBudgetMiddleware budget = (ClusterRateBudgetMiddleware) layer;
        FunctionCounter.builder("ethbus.rate_budget.waits", budget, ClusterRateBudgetMiddleware::waits).tags(tags).register(registry);
        FunctionCounter.builder("ethbus.rate_budget.waited.ms", budget, ClusterRateBudgetMiddleware::waitedMillis).tags(tags).register(registry);
    }
}
