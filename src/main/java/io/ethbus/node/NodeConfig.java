package io.ethbus.node;

import io.ethbus.bus.ReplyStreamOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link NodeVerticle} serves: named endpoints, which of them answers on
 * {@value RpcAddresses#RPC_DEFAULT}, the deadline of calls that arrive without one, and how
 * large replies are streamed ({@link ReplyStreamOptions}, under {@code "replyStreams"}).
 * The JSON form is {@code conf/ethbus.json}.
 */
public record NodeConfig(String defaultEndpoint, Map<String, EndpointConfig> endpoints, Duration defaultDeadline,
                         ReplyStreamOptions replyStreams) {
    public NodeConfig {
        endpoints = Map.copyOf(endpoints);
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("the node configuration lists no endpoint");
        }
        if (defaultEndpoint != null && !endpoints.containsKey(defaultEndpoint)) {
            throw new IllegalArgumentException("default endpoint '" + defaultEndpoint + "' is not among " + endpoints.keySet());
        }
    }

    public static NodeConfig fromJson(JsonObject json) {
        Map<String, EndpointConfig> endpoints = new LinkedHashMap<>();
        JsonObject list = json.getJsonObject("endpoints", new JsonObject());
        for (String name : list.fieldNames()) {
            endpoints.put(name, EndpointConfig.fromJson(name, list.getJsonObject(name)));
        }
        String defaultEndpoint = json.getString("defaultEndpoint",
                endpoints.size() == 1 ? endpoints.keySet().iterator().next() : null);
        return new NodeConfig(defaultEndpoint, endpoints,
                Duration.ofMillis(json.getLong("defaultDeadlineMs", 30_000L)),
                ReplyStreamOptions.fromJson(json.getJsonObject("replyStreams", new JsonObject())));
    }
}
