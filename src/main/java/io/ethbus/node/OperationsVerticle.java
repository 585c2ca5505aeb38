package io.ethbus.node;

import io.ethbus.client.EthClient;
import io.ethbus.metrics.NodeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The node member's operations port: {@code GET /metrics} in Prometheus text format (the
 * registry the node verticles record into) and {@code GET /health}, which asks every
 * configured endpoint for its head through the event bus and answers 200 when all answer,
 * 503 otherwise, with per-endpoint detail, the head lag behind the best endpoint, and the
 * cluster's members when the member is clustered.
 *
 * <p>Config: the node configuration plus {@code "operations": {"port": 9090, "host": "127.0.0.1",
 * "healthTimeoutMs": 2000}}.
 */
public class OperationsVerticle extends VerticleBase {
    private final Supplier<List<String>> clusterMembers;
    private HttpServer server;
    private PrometheusMeterRegistry registry;
    private List<String> endpoints;
    private Duration healthTimeout;

    /** For a member that is not clustered. */
    public OperationsVerticle() {
        this(null);
    }

    /** {@code clusterMembers} lists the ids of the cluster's members (null: not clustered). */
    public OperationsVerticle(Supplier<List<String>> clusterMembers) {
        this.clusterMembers = clusterMembers;
    }

    @Override
    public Future<?> start() {
        JsonObject ops = config().getJsonObject("operations", new JsonObject());
        registry = NodeMetrics.registry(vertx);
        endpoints = new ArrayList<>(config().getJsonObject("endpoints", new JsonObject()).fieldNames());
        healthTimeout = Duration.ofMillis(ops.getLong("healthTimeoutMs", 2_000L));
        server = vertx.createHttpServer().requestHandler(this::serve);
        return server.listen(ops.getInteger("port", 9090), ops.getString("host", "127.0.0.1"));
    }

    /** The port the server listens on (useful when configured as 0). */
    public int port() {
        return server.actualPort();
    }

    private void serve(HttpServerRequest request) {
        switch (request.path()) {
            case "/metrics" -> request.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape());
            case "/health" -> health().onComplete(ar -> {
                JsonObject body = ar.succeeded() ? ar.result() : new JsonObject().put("status", "DOWN")
                        .put("error", String.valueOf(ar.cause().getMessage()));
                request.response().setStatusCode("UP".equals(body.getString("status")) ? 200 : 503)
                        .putHeader("content-type", "application/json").end(body.encode());
            });
            default -> request.response().setStatusCode(404).end();
        }
    }

    private Future<JsonObject> health() {
        List<Future<Long>> heads = new ArrayList<>();
        for (String name : endpoints) {
            heads.add(EthClient.overEventBus(vertx, name, healthTimeout).eth().blockNumber());
        }
        return Future.join(heads).transform(ignored -> {
            long best = heads.stream().filter(Future::succeeded).mapToLong(Future::result).max().orElse(-1);
            JsonObject detail = new JsonObject();
            boolean allUp = true;
            for (int i = 0; i < endpoints.size(); i++) {
                Future<Long> head = heads.get(i);
                if (head.succeeded()) {
                    detail.put(endpoints.get(i), new JsonObject().put("status", "UP").put("head", head.result())
                            .put("lagBlocks", best - head.result()));
                } else {
                    allUp = false;
                    detail.put(endpoints.get(i), new JsonObject().put("status", "DOWN")
                            .put("error", String.valueOf(head.cause().getMessage())));
                }
            }
            return Future.succeededFuture(new JsonObject().put("status", allUp ? "UP" : "DOWN").put("endpoints", detail)
                    .put("cluster", cluster()));
        });
    }

    private JsonObject cluster() {
        if (clusterMembers == null) {
            return new JsonObject().put("clustered", false);
        }
        List<String> ids = clusterMembers.get();
        return new JsonObject().put("clustered", true).put("size", ids.size()).put("members", new JsonArray(ids));
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
