package io.ethbus.cluster;

import io.ethbus.devchain.DevChain;
import io.ethbus.client.EthClient;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.CountingHttpProxy;
import io.ethbus.testsupport.LocalCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Three members share one budget of 200 calls/s for an endpoint, however much they are asked. */
@ExtendWith(AnvilExtension.class)
class ClusterRateBudgetTest {
    private static final int BUDGET = 200;
    private static final long RUN_MILLIS = 10_000;

    private static long total(CountingHttpProxy proxy) {
        return proxy.callsPerSecond().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The proxy's count once it has stood still for half a second (at most 15 s): calls the budget
     * let through earlier may still be on their way to the node when a busy machine stalls.
     */
    private static long settled(CountingHttpProxy proxy) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        long last = total(proxy);
        while (System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L);
            long now = total(proxy);
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    @Test
    void threeMembersTogetherStayWithinTheBudget(DevChain chain) {
        Vertx local = Vertx.vertx();
        CountingHttpProxy proxy = new CountingHttpProxy(local, chain.port());
        LocalCluster cluster = null;
        try {
            JsonObject config = new JsonObject().put("endpoints", new JsonObject().put("budgeted", new JsonObject()
                    .put("url", proxy.url())
                    .put("middleware", new JsonObject()
                            .put("simpleCache", false)
                            .put("rateBudget", new JsonObject().put("requestsPerSecond", BUDGET).put("maxWaitMs", 20_000)))));
            cluster = LocalCluster.start("budget", 3, config);
            EthClient client = EthClient.overEventBus(cluster.client().vertx(), "budgeted");

            // Warm-up (JIT, the counter's first use on each member), counted by the proxy too.
            AtomicLong warmUp = new AtomicLong();
            List<Future<Void>> warming = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                warming.add(lane(client, System.currentTimeMillis() + 3_000, warmUp));
            }
            result(Future.all(warming), 60);

            // 60 callers in a closed loop: unthrottled, anvil answers thousands of these a second. Every
            // call the proxy counts from here on was let through by the budget after this instant.
            long before = settled(proxy);
            long started = System.nanoTime();
            AtomicLong answered = new AtomicLong();
            long end = System.currentTimeMillis() + RUN_MILLIS;
            List<Future<Void>> lanes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                lanes.add(lane(client, end, answered));
            }
            result(Future.all(lanes), 60);
            double seconds = (System.nanoTime() - started) / 1e9;

            Map<Long, Long> perSecond = proxy.callsPerSecond();
            long max = perSecond.values().stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.println("[cluster] budget " + BUDGET + " calls/s over 3 members: proxy saw per second "
                    + perSecond.values() + ", max " + max + "; answered " + answered.get() + " in " + RUN_MILLIS + " ms");
            // A token bucket lets through at most its capacity plus the rate times the time, in any span: over
            // the whole test that bound holds whatever the delays between the budget and the proxy (they only
            // move calls between the proxy's calendar seconds, so a single second is checked loosely).
            long calls = total(proxy) - before;
            long capacity = BUDGET * RateBudgetBuckets.BURST_MILLIS / 1000;
            double bound = BUDGET * seconds + capacity;
            assertTrue(calls <= bound, "at most " + bound + " calls in " + seconds + " s, saw " + calls);
            assertTrue(max <= BUDGET * 1.5, "no second far above the budget: " + max);
            // Loose: on a shared 2-core machine members stall for seconds at a time (seen under loads of
            // 11 and 20, with 359 answers where 400 were asked); the cap is the point, this only shows that
            // calls went through the budget, at least a second's worth of it.
            assertTrue(answered.get() >= BUDGET, "the budget was used: " + answered.get());
            assertTrue(perSecond.size() >= 5, "calls passed in several seconds: " + perSecond);
        } finally {
            if (cluster != null) {
                cluster.close();
            }
            proxy.close();
            result(local.close());
        }
    }

    private Future<Void> lane(EthClient client, long end, AtomicLong answered) {
        if (System.currentTimeMillis() >= end) {
            return Future.succeededFuture();
        }
        return client.eth().blockNumber().compose(n -> {
            answered.incrementAndGet();
            return lane(client, end, answered);
        });
    }
}
