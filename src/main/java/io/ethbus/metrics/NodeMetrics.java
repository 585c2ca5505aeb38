package io.ethbus.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

/**
 * The one meter registry of a Vert.x instance, shared by its node verticles and read by the
 * operations verticle. It lives in that instance's local shared data, not in a static field.
 */
public final class NodeMetrics implements Shareable {
    private static final String MAP = "ethbus.metrics";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private NodeMetrics() {
    }

    /** The registry of {@code vertx}, made on first use. */
    public static PrometheusMeterRegistry registry(Vertx vertx) {
        LocalMap<String, NodeMetrics> map = vertx.sharedData().getLocalMap(MAP);
        NodeMetrics mine = new NodeMetrics();
        NodeMetrics existing = map.putIfAbsent("registry", mine);
        return (existing == null ? mine : existing).registry;
    }
}
