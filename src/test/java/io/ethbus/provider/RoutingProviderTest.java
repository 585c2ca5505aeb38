package io.ethbus.provider;

import io.ethbus.crypto.Account;
import io.ethbus.crypto.DynamicFeeTransaction;
import io.ethbus.crypto.SignedTransaction;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hex;
import io.ethbus.client.EthClient;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.JsonRpcFaultProxy;
import io.ethbus.testsupport.JsonRpcFaultProxy.Fault;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several URLs behind fault-injecting proxies in front of one real anvil. */
@ExtendWith(AnvilExtension.class)
class RoutingProviderTest {
    private static final Duration STALL_DEADLINE = Duration.ofSeconds(2);
    Vertx vertx;
    DevChain chain;
    List<JsonRpcFaultProxy> proxies = new ArrayList<>();

    @BeforeEach
    void start(DevChain chain) {
        this.chain = chain;
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        proxies.forEach(JsonRpcFaultProxy::close);
        result(vertx.close());
    }

    JsonRpcFaultProxy proxy() {
        JsonRpcFaultProxy p = new JsonRpcFaultProxy(vertx, chain.port());
        proxies.add(p);
        return p;
    }

    /** A provider for tests where no URL stalls: a deadline that a loaded machine does not reach. */
    HttpProvider http(JsonRpcFaultProxy p) {
        return http(p, Duration.ofSeconds(10));
    }

    /**
     * A provider for tests where a URL stalls: the deadline is what a stalled call costs, so it is
     * short, yet well above a healthy call on a loaded machine (800 ms timed out healthy calls at
     * load 20).
     */
    HttpProvider http(JsonRpcFaultProxy p, Duration deadline) {
        return new HttpProvider(vertx, HttpProviderOptions.builder(p.url()).requestTimeout(deadline).build());
    }

    @Test
    void readsKeepCompletingWhileOneUrlIsBrokenAndItIsEjectedThenReadmitted() {
        JsonRpcFaultProxy primary = proxy();
        JsonRpcFaultProxy secondary = proxy();
        RoutingProvider router = new RoutingProvider(List.of(new RoutedEndpoint(http(primary, STALL_DEADLINE), 1, 0),
                new RoutedEndpoint(http(secondary, STALL_DEADLINE), 1, 1)), RoutingMode.FALLBACK,
                RoutingProvider.Settings.defaults().withEjection(3, Duration.ofMillis(1_000)));
        RpcCaller caller = new RpcCaller(router);

        int sent = 0;
        int completed = 0;
        List<Long> latencies = new ArrayList<>();
        for (Fault f : List.of(Fault.RESET, Fault.TOO_MANY_REQUESTS, Fault.UNAVAILABLE, Fault.TRUNCATED,
                Fault.GARBAGE, Fault.WRONG_ID, Fault.STALL)) {
            primary.fault(f);
            for (int i = 0; i < 20; i++) {
                sent++;
                long t0 = System.nanoTime();
                assertEquals(BigInteger.valueOf(31337), result(caller.call(EthCalls.chainId())), "under " + f);
                latencies.add((System.nanoTime() - t0) / 1_000_000);
                completed++;
            }
            assertEquals(CircuitBreaker.State.OPEN, router.health().get(0).state(), "primary ejected under " + f);
            primary.fault(Fault.NONE);
            LockSupport.parkNanos(1_100_000_000L); // past the ejection: the next call is a probe
            int before = primary.requests();
            result(caller.call(EthCalls.chainId()));
            assertEquals(before + 1, primary.requests(), "the probe went to the recovered primary");
            assertEquals(CircuitBreaker.State.CLOSED, router.health().get(0).state(), "readmitted after " + f);
        }
        Collections.sort(latencies);
        long p99 = latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1);
        System.out.printf("routing under faults: sent %d, completed %d, failed %d, p99 %d ms%n",
                sent, completed, sent - completed, p99);
        assertEquals(sent, completed);
    }

    @Test
    void spreadSharesByWeightAndASendIsNeverDeliveredTwice() {
        JsonRpcFaultProxy a = proxy();
        JsonRpcFaultProxy b = proxy();
        // a deadline no answer of a busy machine reaches: a timed-out read would rightly go to the
        // other URL as well, and the count below could not tell that from a double delivery
        RoutingProvider spread = new RoutingProvider(List.of(new RoutedEndpoint(http(a, Duration.ofSeconds(60)), 3, 0),
                new RoutedEndpoint(http(b, Duration.ofSeconds(60)), 1, 0)), RoutingMode.SPREAD, RoutingProvider.Settings.defaults());
        RpcCaller caller = new RpcCaller(spread);
        List<Future<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(caller.call(EthCalls.blockNumber()));
        }
        result(Future.all(calls));
        double share = a.requests() / 400.0;
        assertTrue(share > 0.65 && share < 0.85, "weight 3 of 4 took " + share);
        assertEquals(400, a.requests() + b.requests(), "each call to one URL only");

        // A send whose URL stalls after passing it on: it fails, and is not tried elsewhere.
        Account sender = Account.generate();
        result(caller.request("anvil_setBalance", sender.address().toChecksumHex(), "0xde0b6b3a7640000"));
        caller = new RpcCaller(new RoutingProvider(List.of(new RoutedEndpoint(http(a, STALL_DEADLINE), 3, 0),
                new RoutedEndpoint(http(b, STALL_DEADLINE), 1, 0)), RoutingMode.SPREAD, RoutingProvider.Settings.defaults()));
        a.fault(Fault.STALL);
        b.fault(Fault.STALL);
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SignedTransaction tx = new DynamicFeeTransaction(BigInteger.valueOf(31337), BigInteger.valueOf(i),
                    BigInteger.ONE, BigInteger.valueOf(10_000_000_000L), BigInteger.valueOf(21_000),
                    Address.of(chain.accounts().get(1)), BigInteger.ONE, Bytes.EMPTY, List.of()).sign(sender);
            hashes.add(tx.hash().toHex());
            assertInstanceOf(io.ethbus.rpc.ProviderTimeoutException.class,
                    failure(caller.call(EthCalls.sendRawTransaction(tx.raw()))));
        }
        for (String h : hashes) {
            assertEquals(1, a.delivered(h) + b.delivered(h), "delivered exactly once: " + h);
        }
    }

    @Test
    void quorumAgreesDespiteALiarAndBlockNumbersTakeTheMedian() {
        JsonRpcFaultProxy honest1 = proxy();
        JsonRpcFaultProxy honest2 = proxy();
        JsonRpcFaultProxy liar = proxy();
        liar.fault(Fault.LIE);
        RoutingProvider router = new RoutingProvider(List.of(RoutedEndpoint.of(http(honest1)),
                RoutedEndpoint.of(http(liar)), RoutedEndpoint.of(http(honest2))), RoutingMode.FALLBACK,
                RoutingProvider.Settings.defaults().withQuorum("eth_chainId", 2).withQuorum("eth_blockNumber", 2));
        EthClient client = EthClient.direct(router);
        assertEquals(BigInteger.valueOf(31337), result(client.eth().chainId()), "two of three agree");
        long head = Hex.toLong(result(EthClient.direct(http(honest1)).request("eth_blockNumber")).asText());
        assertEquals(head, result(client.eth().blockNumber()), "median of head, head and the liar's 1");
        // Each quorum call asked every URL once (2 calls x 3 URLs), plus the direct look-up above.
        assertEquals(7, honest1.requests() + honest2.requests() + liar.requests());

        honest2.fault(Fault.UNAVAILABLE);
        assertInstanceOf(QuorumException.class, failure(client.eth().chainId()),
                "one true and one false answer: no two agree");
    }

    @Test
    void aUrlBehindOnTheChainIsEjectedUntilItCatchesUp() {
        JsonRpcFaultProxy primary = proxy();
        JsonRpcFaultProxy secondary = proxy();
        RoutingProvider router = new RoutingProvider(List.of(new RoutedEndpoint(http(primary), 1, 0),
                new RoutedEndpoint(http(secondary), 1, 1)), RoutingMode.FALLBACK, RoutingProvider.Settings.defaults());
        RpcCaller caller = new RpcCaller(router);
        result(caller.request("anvil_mine", "0x10"));

        primary.fault(Fault.LIE); // its every answer says 0x1: sixteen and more blocks behind
        result(router.probeOnce(5));
        assertTrue(router.health().get(0).lagging());
        primary.fault(Fault.NONE);
        int before = primary.requests();
        for (int i = 0; i < 10; i++) {
            result(caller.call(EthCalls.getBalance(Address.ZERO, io.ethbus.primitives.BlockId.LATEST)));
        }
        assertEquals(before, primary.requests(), "the lagging URL got no call");

        result(router.probeOnce(5));
        assertTrue(!router.health().get(0).lagging(), "caught up");
        result(caller.call(EthCalls.getBalance(Address.ZERO, io.ethbus.primitives.BlockId.LATEST)));
        assertEquals(before + 2, primary.requests(), "the probe and the next read");
    }
}
