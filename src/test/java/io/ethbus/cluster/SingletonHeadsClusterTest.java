package io.ethbus.cluster;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.client.EthClient;
import io.ethbus.client.SubscriptionStream;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.ChildJvm;
import io.ethbus.testsupport.LocalCluster;
import io.ethbus.testsupport.TcpFaultProxy;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three members all follow the heads of one anvil (a block a second), each through a proxy
 * of its own in front of anvil's WebSocket, so the proxies count upstream connections (one
 * newHeads subscription each). Exactly one member holds a connection at a time; after
 * kill -9 of that member another takes over within 5 s, and the head stream on the client
 * member delivers every block number once, the gap backfilled.
 */
class SingletonHeadsClusterTest {
    static final int MEMBERS = 3;
    static final long TAKEOVER_LIMIT_MS = 5_000;
    static final long BURST = 5;

    /** A head as the consumer got it. */
    record Seen(long number, long atNanos) {
    }

    @Test
    void oneUpstreamForTheClusterAndATakeoverWithinFiveSecondsLosesNoBlock() {
        Vertx local = Vertx.vertx();
        List<TcpFaultProxy> proxies = new ArrayList<>();
        try (DevChain chain = DevChain.start(DevChainOptions.in(AnvilExtension.workDir().resolve("singleton-heads-chain"))
                .withBlockTime(Duration.ofSeconds(1)))) {
            JsonObject config = new JsonObject().put("endpoints", new JsonObject().put("anvil",
                    new JsonObject().put("url", chain.httpUrl()).put("wsUrl", chain.wsUrl())));
            for (int i = 1; i <= MEMBERS; i++) {
                TcpFaultProxy proxy = new TcpFaultProxy(local, chain.port());
                proxies.add(proxy);
                config.put("member-" + i, new JsonObject().put("endpoints", new JsonObject().put("anvil",
                        new JsonObject().put("wsUrl", "ws://127.0.0.1:" + proxy.port()))));
            }
            // Upstream connections of all members together, sampled every 20 ms.
            AtomicInteger mostAtOnce = new AtomicInteger();
            long sampler = local.setPeriodic(20, t -> mostAtOnce.accumulateAndGet(open(proxies), Math::max));
            try (LocalCluster cluster = LocalCluster.start("singleton-heads", MEMBERS, config)) {
                List<Seen> seen = new CopyOnWriteArrayList<>();
                List<JsonObject> others = new CopyOnWriteArrayList<>();
                // The head stream a user takes: a head the dying holder published to some members only comes
                // again from the new holder, and the stream drops that repeat.
                SubscriptionStream<JsonObject> heads = EthClient.overEventBus(cluster.client().vertx(), "anvil").heads();
                heads.handler(event -> {
                    if ("head".equals(event.getString("type"))) {
                        seen.add(new Seen(event.getLong("number"), System.nanoTime()));
                    } else {
                        others.add(event);
                    }
                });
                await("three heads", Duration.ofSeconds(20), () -> seen.size() >= 3);
                int holder = holder(proxies);
                assertTrue(holder >= 0, "no single member holds the upstream: " + openByProxy(proxies));

                long lastBefore = seen.get(seen.size() - 1).number();
                ChildJvm victim = cluster.members().get(holder);
                long killedAt = System.nanoTime();
                victim.kill();
                // A burst while nobody holds the upstream: these blocks reach consumers only by backfill.
                EthClient direct = EthClient.direct(new HttpProvider(local, HttpProviderOptions.of(chain.httpUrl())));
                result(direct.request("anvil_mine", "0x" + Long.toHexString(BURST)));
                long headAfterBurst = result(direct.eth().blockNumber());
                AtomicLong takenAt = new AtomicLong();
                await("another member's upstream", Duration.ofSeconds(15), () -> {
                    int now = holder(proxies);
                    if (now >= 0 && now != holder) {
                        takenAt.compareAndSet(0, System.nanoTime());
                        return true;
                    }
                    return false;
                });
                await("heads after the takeover", Duration.ofSeconds(15),
                        () -> seen.stream().filter(s -> s.number() > headAfterBurst).count() >= 1);
                Seen firstAfter = seen.stream().filter(s -> s.number() > lastBefore).findFirst().orElseThrow();
                long takeoverMs = (firstAfter.atNanos() - killedAt) / 1_000_000;
                long upstreamMs = (takenAt.get() - killedAt) / 1_000_000;
                local.cancelTimer(sampler);

                List<Long> numbers = seen.stream().map(Seen::number).toList();
                long first = numbers.get(0);
                long last = numbers.get(numbers.size() - 1);
                int accepted = proxies.stream().mapToInt(TcpFaultProxy::accepted).sum();
                System.out.printf("[singleton-heads] holder member-%d killed after block %d, %d blocks mined at once;"
                                + " member-%d took over:"
                                + " upstream open %d ms after kill -9, first head published %d ms after (block %d);"
                                + " consumer saw blocks %d..%d (%d heads), upstream connections in all %d, most at once %d%n",
                        holder + 1, lastBefore, BURST, holder(proxies) + 1, upstreamMs, takeoverMs, firstAfter.number(),
                        first, last, numbers.size(), accepted, mostAtOnce.get());
                assertEquals(1, mostAtOnce.get(), "upstream subscriptions open at once in the cluster");
                assertEquals(2, accepted, "one upstream connection per holder");
                assertTrue(firstAfter.number() <= lastBefore + 1, "the new holder backfilled from block " + (lastBefore + 1)
                        + " but first published " + firstAfter.number());
                assertEquals(rangeOf(first, last), numbers, "every block number once, in order");
                assertTrue(last >= headAfterBurst, "the burst up to block " + headAfterBurst + " was backfilled; last seen " + last);
                assertTrue(others.isEmpty(), "no reorg expected: " + others);
                assertTrue(takeoverMs <= TAKEOVER_LIMIT_MS, "takeover took " + takeoverMs + " ms");
            } finally {
                local.cancelTimer(sampler);
            }
        } finally {
            proxies.forEach(TcpFaultProxy::close);
            result(local.close());
        }
    }

    static int open(List<TcpFaultProxy> proxies) {
        return proxies.stream().mapToInt(TcpFaultProxy::openConnections).sum();
    }

    /** The index of the only member with an upstream connection, or -1. */
    static int holder(List<TcpFaultProxy> proxies) {
        int holder = -1;
        for (int i = 0; i < proxies.size(); i++) {
            if (proxies.get(i).openConnections() > 0) {
                if (holder >= 0) {
                    return -1;
                }
                holder = i;
            }
        }
        return holder;
    }

    static List<Integer> openByProxy(List<TcpFaultProxy> proxies) {
        return proxies.stream().map(TcpFaultProxy::openConnections).toList();
    }

    static List<Long> rangeOf(long first, long last) {
        List<Long> out = new ArrayList<>();
        for (long n = first; n <= last; n++) {
            out.add(n);
        }
        return out;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("no " + what + " within " + timeout);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
