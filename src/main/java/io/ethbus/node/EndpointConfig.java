package io.ethbus.node;

import io.ethbus.provider.HttpProviderOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Map;

/**
 * One named endpoint of the node configuration: how to reach the node and the settings of
 * its middleware layers (kept as JSON; each layer reads its own part).
 */
public record EndpointConfig(String name, HttpProviderOptions http, JsonObject middleware) {
    public EndpointConfig {
        middleware = middleware == null ? new JsonObject() : middleware.copy();
    }

    /**
     * Reads {@code {"url": ..., "maxPoolSize": 16, "connectTimeoutMs": 5000, "idleTimeoutMs": 60000,
     * "requestTimeoutMs": 30000, "gzip": true, "headers": {...}, "middleware": {...}}}.
     */
    public static EndpointConfig fromJson(String name, JsonObject json) {
        String url = json.getString("url");
        if (url == null) {
            throw new IllegalArgumentException("endpoint '" + name + "' has no url");
        }
        HttpProviderOptions.Builder http = HttpProviderOptions.builder(url);
        if (json.containsKey("maxPoolSize")) {
            http.maxPoolSize(json.getInteger("maxPoolSize"));
        }
        if (json.containsKey("connectTimeoutMs")) {
            http.connectTimeout(Duration.ofMillis(json.getLong("connectTimeoutMs")));
        }
        if (json.containsKey("idleTimeoutMs")) {
            http.idleTimeout(Duration.ofMillis(json.getLong("idleTimeoutMs")));
        }
        if (json.containsKey("requestTimeoutMs")) {
            http.requestTimeout(Duration.ofMillis(json.getLong("requestTimeoutMs")));
        }
        if (json.containsKey("maxResponseBytes")) {
            http.maxResponseBytes(json.getLong("maxResponseBytes"));
        }
        if (json.containsKey("gzip")) {
            http.gzip(json.getBoolean("gzip"));
        }
        for (Map.Entry<String, Object> header : json.getJsonObject("headers", new JsonObject())) {
            http.header(header.getKey(), String.valueOf(header.getValue()));
        }
        return new EndpointConfig(name, http.build(), json.getJsonObject("middleware"));
    }
}
