package io.ethbus.node;

import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.provider.Provider;
import io.ethbus.provider.RoutedEndpoint;
import io.ethbus.provider.RoutingMode;
import io.ethbus.provider.RoutingProvider;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One named endpoint of the node configuration: the URL (or several URLs with weights and
 * priorities, routed as one logical endpoint), and the settings of its middleware layers
 * (kept as JSON; each layer reads its own part).
 *
 * @param urls            one or more URLs; more than one makes a {@link RoutingProvider}
 * @param routing         how several URLs share calls
 * @param quorum          methods answered by agreement of several URLs, with the count needed
 * @param maxHeadLagBlocks eject a URL this far behind the best head (negative: no head probes)
 * @param headProbe       how often URLs are asked for their head when {@code maxHeadLagBlocks} is set
 * @param maxRequestBytes the largest event-bus request body the node verticle takes for this endpoint
 *                        (default {@link #DEFAULT_MAX_REQUEST_BYTES}, 16 MiB); a larger one is refused
 *                        unparsed with {@link io.ethbus.rpc.PayloadTooLargeException}, and bodies above
 *                        64 KiB are parsed on a worker, off the event loop
 */
public record EndpointConfig(String name, List<Url> urls, RoutingMode routing, Map<String, Integer> quorum,
                             long maxHeadLagBlocks, Duration headProbe, JsonObject middleware, long maxRequestBytes) {
    /** The default of {@code maxRequestBytes}: 16 MiB. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    /** One URL of an endpoint with its weight (for spread) and priority (for fallback; lower first). */
    public record Url(HttpProviderOptions http, int weight, int priority) {
    }

    public EndpointConfig {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("endpoint '" + name + "' has no url");
        }
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("endpoint '" + name + "': maxRequestBytes must be positive, got " + maxRequestBytes);
        }
        urls = List.copyOf(urls);
        quorum = Map.copyOf(quorum);
        middleware = middleware == null ? new JsonObject() : middleware.copy();
        for (Map.Entry<String, Object> layer : middleware) {
            // each layer is a switch or its settings; anything else would fail later, deep in start-up
            if (!(layer.getValue() instanceof Boolean) && !(layer.getValue() instanceof JsonObject)) {
                throw new IllegalArgumentException("endpoint '" + name + "': middleware '" + layer.getKey()
                        + "' must be true, false or a settings object, got " + layer.getValue());
            }
        }
    }

    /** An endpoint whose request bodies may be {@link #DEFAULT_MAX_REQUEST_BYTES} at most. */
    public EndpointConfig(String name, List<Url> urls, RoutingMode routing, Map<String, Integer> quorum,
                          long maxHeadLagBlocks, Duration headProbe, JsonObject middleware) {
        this(name, urls, routing, quorum, maxHeadLagBlocks, headProbe, middleware, DEFAULT_MAX_REQUEST_BYTES);
    }

    /** A single-URL endpoint. */
    public EndpointConfig(String name, HttpProviderOptions http, JsonObject middleware) {
        this(name, List.of(new Url(http, 1, 0)), RoutingMode.FALLBACK, Map.of(), -1, Duration.ofSeconds(15), middleware);
    }

    /** The provider this endpoint stands for: one HTTP provider, or a router over several. */
    public Provider provider(Vertx vertx) {
        if (urls.size() == 1 && quorum.isEmpty() && maxHeadLagBlocks < 0) {
            return new HttpProvider(vertx, urls.get(0).http());
        }
        List<RoutedEndpoint> routed = new ArrayList<>();
        urls.forEach(u -> routed.add(new RoutedEndpoint(new HttpProvider(vertx, u.http()), u.weight(), u.priority())));
        RoutingProvider.Settings settings = RoutingProvider.Settings.defaults();
        for (Map.Entry<String, Integer> q : quorum.entrySet()) {
            settings = settings.withQuorum(q.getKey(), q.getValue());
        }
        RoutingProvider router = new RoutingProvider(routed, routing, settings);
        if (maxHeadLagBlocks >= 0) {
            router.probeHeads(vertx, headProbe, maxHeadLagBlocks);
        }
        return router;
    }

    /**
     * Reads {@code {"url": ..., "maxPoolSize": 16, "connectTimeoutMs": 5000, "idleTimeoutMs": 60000,
     * "requestTimeoutMs": 30000, "maxResponseBytes": ..., "gzip": true, "headers": {...}, "middleware": {...},
     * "maxRequestBytes": 16777216}} ({@code maxResponseBytes} absent or 0: a quarter of the heap, at most 256 MiB),
     * or instead of {@code url} a list {@code "urls": [{"url": ..., "weight": 1, "priority": 0}, ...]}
     * with {@code "routing": "fallback"|"spread"}, {@code "quorum": {"eth_blockNumber": 2}},
     * {@code "maxHeadLagBlocks": 5} and {@code "headProbeMs": 15000}. The HTTP settings apply to every URL.
     */
    public static EndpointConfig fromJson(String name, JsonObject json) {
        List<Url> urls = new ArrayList<>();
        if (json.containsKey("url")) {
            urls.add(new Url(http(json.getString("url"), json), 1, 0));
        }
        for (Object o : json.getJsonArray("urls", new JsonArray())) {
            JsonObject u = o instanceof JsonObject j ? j : new JsonObject().put("url", String.valueOf(o));
            urls.add(new Url(http(u.getString("url"), json), u.getInteger("weight", 1), u.getInteger("priority", 0)));
        }
        Map<String, Integer> quorum = new HashMap<>();
        json.getJsonObject("quorum", new JsonObject()).forEach(e -> quorum.put(e.getKey(), ((Number) e.getValue()).intValue()));
        Object middleware = json.getValue("middleware");
        if (middleware != null && !(middleware instanceof JsonObject)) {
            throw new IllegalArgumentException("endpoint '" + name + "': middleware must be an object of layers, got " + middleware);
        }
        RoutingMode routing = RoutingMode.valueOf(json.getString("routing", "fallback").toUpperCase(Locale.ROOT));
        return new EndpointConfig(name, urls, routing, quorum, json.getLong("maxHeadLagBlocks", -1L),
                Duration.ofMillis(json.getLong("headProbeMs", 15_000L)), (JsonObject) middleware,
                json.getLong("maxRequestBytes", DEFAULT_MAX_REQUEST_BYTES));
    }

    private static HttpProviderOptions http(String url, JsonObject json) {
        if (url == null) {
            throw new IllegalArgumentException("an endpoint url entry has no url");
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
        return http.build();
    }
}
