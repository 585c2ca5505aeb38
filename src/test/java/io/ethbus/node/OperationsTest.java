package io.ethbus.node;

import io.ethbus.client.EthClient;
import io.ethbus.heads.SubscriptionVerticle;
import io.ethbus.devchain.DevChain;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prometheus metrics and the health endpoint of a node member. */
@ExtendWith(AnvilExtension.class)
class OperationsTest {
    record Answer(int status, String body) {
    }

    static Answer get(HttpClient http, int port, String path) {
        // The body is read in the chain, on the event loop: asked for later, it may be gone.
        return result(http.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(HttpClientRequest::send)
                .compose(r -> r.body().map(b -> new Answer(r.statusCode(), b.toString()))));
    }

    static double sample(String metrics, String name, String... labels) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    @Test
    void metricsCountCallsByOutcomeAndHealthReportsEachEndpoint(DevChain chain) throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        Vertx vertx = Vertx.vertx();
        try {
            JsonObject config = new JsonObject()
                    .put("endpoints", new JsonObject()
                            .put("dev", new JsonObject().put("url", chain.httpUrl()).put("wsUrl", chain.wsUrl())
                                    .put("middleware", new JsonObject().put("rateBudget", new JsonObject().put("requestsPerSecond", 1000))))
                            .put("dead", new JsonObject().put("url", "http://127.0.0.1:" + deadPort)
                                    .put("middleware", new JsonObject().put("retry", new JsonObject().put("enabled", false)))))
                    .put("defaultEndpoint", "dev")
                    .put("operations", new JsonObject().put("port", 0).put("healthTimeoutMs", 2000));
            result(NodeVerticle.deploy(vertx, config, 1)); // one instance: one cache, so the cache effect is exact
            result(vertx.deployVerticle(SubscriptionVerticle::new, new DeploymentOptions().setConfig(config)));
            OperationsVerticle ops = new OperationsVerticle();
            result(vertx.deployVerticle(ops, new DeploymentOptions().setConfig(config)));
            HttpClient http = vertx.createHttpClient();

            EthClient dev = EthClient.overEventBus(vertx, "dev");
            for (int i = 0; i < 3; i++) {
                result(dev.eth().chainId());
            }
            failure(dev.request("eth_noSuchMethod"));
            failure(EthClient.overEventBus(vertx, "dead").eth().chainId());

            String metrics = get(http, ops.port(), "/metrics").body();
            assertEquals(3.0, sample(metrics, "ethbus_rpc_requests_seconds_count",
                    "endpoint=\"dev\"", "method=\"eth_chainId\"", "outcome=\"success\""), metrics);
            assertEquals(1.0, sample(metrics, "ethbus_rpc_requests_seconds_count",
                    "method=\"eth_noSuchMethod\"", "outcome=\"rpc_error\""));
            assertEquals(1.0, sample(metrics, "ethbus_rpc_requests_seconds_count",
                    "endpoint=\"dead\"", "outcome=\"connection\""));
            // eth_chainId is answered by the cache after the first time: fewer calls reach the node.
            assertEquals(1.0, sample(metrics, "ethbus_node_calls_seconds_count",
                    "endpoint=\"dev\"", "method=\"eth_chainId\"", "outcome=\"success\""));
            assertTrue(metrics.contains("ethbus_rpc_requests_seconds_bucket"), "latency histogram");
            assertEquals(2.0, sample(metrics, "ethbus_cache_hits_total", "endpoint=\"dev\"", "layer=\"simple_cache\""),
                    "the 2nd and 3rd eth_chainId were cache hits");
            assertTrue(metrics.contains("ethbus_rpc_retries_total{endpoint=\"dev\""), "retries counted");
            assertTrue(metrics.contains("ethbus_rate_budget_waits_total{endpoint=\"dev\""), "budget waits counted");
            assertEquals(0.0, sample(metrics, "ethbus_subscription_reconnects_total", "endpoint=\"dev\""));
            double headAge = sample(metrics, "ethbus_subscription_head_age_seconds", "endpoint=\"dev\"");
            assertTrue(headAge >= 0 && headAge < 60, "a head was delivered recently: " + headAge);
            assertTrue(metrics.contains("ethbus_rpc_requests_in_flight"), "in-flight gauge");
            assertEquals(0.0, sample(metrics, "ethbus_rpc_requests_in_flight", "endpoint=\"dev\""), "no call under way");
            assertEquals(4.0, sample(metrics, "ethbus_rpc_requests_started_total", "endpoint=\"dev\""), metrics);

            Answer health = get(http, ops.port(), "/health");
            assertEquals(503, health.status(), health.body());
            JsonObject h = new JsonObject(health.body());
            assertEquals("UP", h.getJsonObject("endpoints").getJsonObject("dev").getString("status"));
            assertEquals(0L, h.getJsonObject("endpoints").getJsonObject("dev").getLong("lagBlocks"));
            assertEquals("DOWN", h.getJsonObject("endpoints").getJsonObject("dead").getString("status"));
            assertEquals(false, h.getJsonObject("cluster").getBoolean("clustered"));
            assertEquals(404, get(http, ops.port(), "/nothing").status());

            OperationsVerticle member = new OperationsVerticle(() -> java.util.List.of("m1", "m2", "m3"));
            result(vertx.deployVerticle(member, new DeploymentOptions().setConfig(config)));
            JsonObject clustered = new JsonObject(get(http, member.port(), "/health").body()).getJsonObject("cluster");
            assertEquals(3, clustered.getInteger("size"));
            assertEquals("m2", clustered.getJsonArray("members").getString(1));
        } finally {
            result(vertx.close());
        }
    }
}
