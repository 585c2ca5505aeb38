package io.ethbus.heads;

import io.ethbus.client.EthClient;
import io.ethbus.client.OverflowPolicy;
import io.ethbus.client.SubscriptionStream;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.Forks;
import io.ethbus.testsupport.LogEmitter;
import io.ethbus.testsupport.Mined;
import io.ethbus.testsupport.TcpFaultProxy;
import io.ethbus.rpc.JsonRpcCodec;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Heads published by the subscription verticle survive a dropped connection (every number
 * once, in order, the gap backfilled), report a real reorg, and cost nothing while idle.
 */
@ExtendWith(AnvilExtension.class)
class SubscriptionVerticleTest {
    static void until(String what, BooleanSupplier condition) {
        Await.until(what, condition, 60); // a hang guard: a busy machine must not fail it
    }

    @Test
    void headsSurviveReconnectsAndReorgsAndCostNothingIdle(DevChain chain) throws Exception {
        Vertx vertx = Vertx.vertx();
        try (TcpFaultProxy proxy = new TcpFaultProxy(vertx, chain.port())) {
            RpcCaller http = new RpcCaller(new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl())));
            List<JsonObject> events = new CopyOnWriteArrayList<>();
            vertx.eventBus().<JsonObject>consumer(SubscriptionVerticle.headsAddress("test"), m -> events.add(m.body()));
            JsonObject config = new JsonObject().put("endpoints", new JsonObject().put("test", new JsonObject()
                    .put("wsUrl", "ws://127.0.0.1:" + proxy.port()).put("reconnectBaseMs", 100).put("reconnectMaxMs", 400)));
            List<SubscriptionVerticle> instances = new CopyOnWriteArrayList<>();
            result(vertx.deployVerticle(() -> {
                SubscriptionVerticle v = new SubscriptionVerticle();
                instances.add(v);
                return v;
            }, new DeploymentOptions().setInstances(2).setConfig(config)));
            assertEquals(1, instances.stream().mapToInt(v -> v.followers().size()).sum(),
                    "one upstream subscription per endpoint, however many instances");

            long start = Long.decode(result(http.request("eth_blockNumber")).asText());
            until("the current head", () -> lastHead(events) >= start);
            result(http.request("anvil_mine", "0x3"));
            until("three new heads", () -> lastHead(events) == start + 3);

            // Drop the connection and keep it down while blocks are mined.
            proxy.refuse(true);
            proxy.dropAll();
            result(http.request("anvil_mine", "0x5"));
            LockSupport.parkNanos(300_000_000L);
            proxy.refuse(false);
            until("the gap backfilled", () -> lastHead(events) == start + 8);
            result(http.request("anvil_mine", "0x1"));
            until("the next head", () -> lastHead(events) == start + 9);

            List<Long> numbers = headNumbers(events);
            List<Long> expected = new ArrayList<>();
            for (long n = numbers.get(0); n <= start + 9; n++) {
                expected.add(n);
            }
            assertEquals(expected, numbers, "every block number exactly once, in order");
            ChainFollower follower = instances.stream().flatMap(v -> v.followers().stream()).findFirst().orElseThrow();
            assertTrue(follower.reconnects() >= 1);
            assertTrue(proxy.accepted() >= 2);

            // A reorg: two blocks are replaced by a longer branch from the same parent.
            String snapshot = result(http.request("evm_snapshot")).asText();
            result(http.request("anvil_mine", "0x2"));
            until("two heads before the reorg", () -> lastHead(events) == start + 11);
            List<String> oldHashes = hashesOf(events, start + 10, start + 11);
            Forks.revertAndFork(http, snapshot, 2);
            until("the new branch", () -> lastHead(events) == start + 12);
            JsonObject reorg = events.stream().filter(e -> e.getString("type").equals("reorg")).findFirst().orElseThrow();
            List<String> removed = reorg.getJsonArray("removed").stream().map(o -> ((JsonObject) o).getString("hash")).toList();
            assertEquals(oldHashes, removed);
            for (long n = start + 10; n <= start + 12; n++) {
                JsonNode canonical = result(http.request("eth_getBlockByNumber", "0x" + Long.toHexString(n), false));
                assertEquals(canonical.get("hash").asText(), hashesOf(events, n, n).get(hashesOf(events, n, n).size() - 1),
                        "the last head published for " + n + " is the canonical one");
            }

            // Idle: nothing to poll, no timer; the event loops should be asleep.
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long before = eventLoopCpuNanos(threads);
            LockSupport.parkNanos(2_000_000_000L);
            long idleCpuMs = (eventLoopCpuNanos(threads) - before) / 1_000_000;
            assertTrue(idleCpuMs < 200, "event loops used " + idleCpuMs + " ms of CPU in 2 s of idle");
        } finally {
            result(vertx.close());
        }
    }

    static long lastHead(List<JsonObject> events) {
        List<Long> heads = headNumbers(events);
        return heads.isEmpty() ? -1 : heads.get(heads.size() - 1);
    }

    static List<Long> headNumbers(List<JsonObject> events) {
        return events.stream().filter(e -> e.getString("type").equals("head")).map(e -> e.getLong("number")).toList();
    }

    static List<String> hashesOf(List<JsonObject> events, long from, long to) {
        return events.stream().filter(e -> e.getString("type").equals("head"))
                .filter(e -> e.getLong("number") >= from && e.getLong("number") <= to)
                .map(e -> e.getString("hash")).toList();
    }

    static long eventLoopCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
            if (info != null && info.getThreadName().startsWith("vert.x-eventloop")) {
                total += Math.max(0, threads.getThreadCpuTime(id));
            }
        }
        return total;
    }

    @Test
    void httpOnlyEndpointIsPolledAndPendingAndNamedLogsArePublished(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try {
            RpcCaller http = new RpcCaller(new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl())));
            String alice = result(http.request("eth_accounts")).get(0).asText();
            String contract = Mined.receipt(http, result(http.request("eth_sendTransaction",
                    JsonRpcCodec.mapper().createObjectNode().put("from", alice).put("input", LogEmitter.DEPLOY_INPUT))).asText())
                    .get("contractAddress").asText();
            JsonObject config = new JsonObject().put("endpoints", new JsonObject()
                    .put("polled", new JsonObject().put("url", chain.httpUrl()).put("pollIntervalMs", 50))
                    .put("pushed", new JsonObject().put("wsUrl", chain.wsUrl()).put("pending", true)
                            .put("logs", new JsonObject().put("emitter", new JsonObject().put("address", contract)))));
            List<JsonObject> polled = new CopyOnWriteArrayList<>();
            List<String> pending = new CopyOnWriteArrayList<>();
            List<JsonObject> logs = new CopyOnWriteArrayList<>();
            vertx.eventBus().<JsonObject>consumer(SubscriptionVerticle.headsAddress("polled"), m -> polled.add(m.body()));
            vertx.eventBus().<String>consumer(SubscriptionVerticle.pendingAddress("pushed"), m -> pending.add(m.body()));
            vertx.eventBus().<JsonObject>consumer(SubscriptionVerticle.logsAddress("pushed", "emitter"), m -> logs.add(m.body()));
            result(vertx.deployVerticle(SubscriptionVerticle::new, new DeploymentOptions().setConfig(config)));

            long start = Long.decode(result(http.request("eth_blockNumber")).asText());
            until("the polled head", () -> lastHead(polled) >= start);
            result(http.request("anvil_mine", "0x4"));
            // at least: the shared chain may have grown meanwhile; none missing is checked below
            until("four polled heads", () -> lastHead(polled) >= start + 4);
            List<Long> numbers = headNumbers(polled);
            for (int i = 1; i < numbers.size(); i++) {
                assertEquals(numbers.get(i - 1) + 1, numbers.get(i), "polled heads in order, none missing: " + numbers);
            }

            String sent = result(http.request("eth_sendTransaction", JsonRpcCodec.mapper().createObjectNode()
                    .put("from", alice).put("to", contract).put("input", "0xabcd"))).asText();
            until("the pending hash", () -> pending.contains(sent));
            until("the named log", () -> !logs.isEmpty());
            assertEquals(sent, logs.get(0).getString("transactionHash"));
            assertEquals("0xabcd", logs.get(0).getString("data"));
        } finally {
            result(vertx.close());
        }
    }

    @Test
    void aBurstOfAThousandBlocksReachesTenConsumersInOrder(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try {
            JsonObject config = new JsonObject().put("endpoints", new JsonObject()
                    .put("burst", new JsonObject().put("url", chain.httpUrl()).put("wsUrl", chain.wsUrl())));
            EthClient client = EthClient.overEventBus(vertx, "burst");
            List<List<Long>> seen = new ArrayList<>();
            List<SubscriptionStream<JsonObject>> streams = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                List<Long> numbers = new CopyOnWriteArrayList<>();
                seen.add(numbers);
                SubscriptionStream<JsonObject> stream = client.heads(2048, OverflowPolicy.FAIL);
                stream.exceptionHandler(e -> numbers.add(-1L)).handler(e -> {
                    if (e.getString("type").equals("head")) {
                        numbers.add(e.getLong("number"));
                    }
                });
                streams.add(stream);
            }
            // mining 1,000 blocks with ten consumers on a busy machine can take longer than the usual timeout
            RpcCaller http = new RpcCaller(new HttpProvider(vertx, HttpProviderOptions.builder(chain.httpUrl())
                    .requestTimeout(Duration.ofMinutes(3)).build()));
            long start = Long.decode(result(http.request("eth_blockNumber")).asText());
            // Consumers first, then the verticle: its first message is the current head.
            result(vertx.deployVerticle(SubscriptionVerticle::new, new DeploymentOptions().setConfig(config)));
            until("consumers to see the current head", () -> seen.stream().allMatch(l -> !l.isEmpty()));
            result(http.request("anvil_mine", "0x3e8"), 180); // bounds are hang guards, not timing checks
            Await.until("1,000 heads at every consumer", () -> seen.stream().allMatch(l -> l.get(l.size() - 1) >= start + 1000),
                    180);
            for (List<Long> numbers : seen) {
                List<Long> tail = numbers.subList(numbers.indexOf(start), numbers.size());
                assertEquals(1001, tail.size(), "each of the 1,000 blocks once");
                for (int i = 0; i < tail.size(); i++) {
                    assertEquals(start + i, tail.get(i));
                }
            }
            streams.forEach(SubscriptionStream::close);
        } finally {
            result(vertx.close());
        }
    }
}
