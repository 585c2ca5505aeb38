package io.ethbus.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.TcpFaultProxy;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
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
        long limit = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > limit) {
                throw new AssertionError("timed out waiting for " + what);
            }
            LockSupport.parkNanos(10_000_000L);
        }
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
            HeadFollower follower = instances.stream().flatMap(v -> v.followers().stream()).findFirst().orElseThrow();
            assertTrue(follower.reconnects() >= 1);
            assertTrue(proxy.accepted() >= 2);

            // A reorg: two blocks are replaced by a longer branch from the same parent.
            String snapshot = result(http.request("evm_snapshot")).asText();
            result(http.request("anvil_mine", "0x2"));
            until("two heads before the reorg", () -> lastHead(events) == start + 11);
            List<String> oldHashes = hashesOf(events, start + 10, start + 11);
            assertTrue(result(http.request("evm_revert", snapshot)).asBoolean());
            result(http.request("anvil_mine", "0x3"));
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
}
