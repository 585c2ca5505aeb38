package io.ethbus.node;

import io.ethbus.middleware.Middleware;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * A node layer that another package provides, found with {@link java.util.ServiceLoader} (listed
 * in {@code META-INF/services/io.ethbus.node.NodeLayerFactory}). It lets a package that depends
 * on {@code node}, such as {@code cluster} with its shared rate budget, add a layer to the node
 * onion without {@code node} depending on it. {@link NodeOnion} says where such a layer sits.
 */
public interface NodeLayerFactory {
    /** The key of the layer in an endpoint's {@code middleware} settings, e.g. {@code rateBudget}. */
    String key();

    /** The layer's name in the onion, e.g. {@code rate_budget}. */
    String layerName();

    /** The layer of one endpoint, from its settings object (empty when the layer is given as {@code true}). */
    Middleware create(Vertx vertx, String endpoint, JsonObject settings);

    /** Counters the layer keeps for itself, read when the registry is scraped; none by default. */
    default void bindMeters(Middleware layer, Tags tags, MeterRegistry registry) {
    }
}
