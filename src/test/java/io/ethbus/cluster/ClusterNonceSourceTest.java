package io.ethbus.cluster;

import io.ethbus.eth.Address;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The claims logic of {@link ClusterNonceSource}, two "members" sharing one Vert.x's map in
 * this JVM; across real member JVMs it is {@code ClusterNonceTest}.
 */
class ClusterNonceSourceTest {
    static final BigInteger CHAIN = BigInteger.valueOf(31337);
    static final Address ACCOUNT = Address.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

    final Vertx vertx = Vertx.vertx();
    final AsyncMap<String, String> map = result(vertx.sharedData().getAsyncMap(ClusterNonceSource.CLAIMS));

    @AfterEach
    void close() {
        result(vertx.close());
    }

    @Test
    void twoMembersWhoseClaimsAreAllAppliedTwiceHandOutEachNonceOnceWithoutAGap() {
        AsyncMap<String, String> retried = new RetriedPutsMap<>(map);
        ClusterNonceSource a = new ClusterNonceSource(() -> Future.succeededFuture(retried));
        ClusterNonceSource b = new ClusterNonceSource(() -> Future.succeededFuture(retried));
        List<Future<BigInteger>> nonces = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            nonces.add(a.allocate(CHAIN, ACCOUNT, pending(5)));
            nonces.add(b.allocate(CHAIN, ACCOUNT, pending(5)));
        }
        List<Long> handedOut = nonces.stream().map(f -> result(f).longValueExact()).sorted().toList();
        assertEquals(LongStream.range(5, 405).boxed().toList(), handedOut);
    }

    @Test
    void aGivenBackNonceIsHandedOutAgainFirst() {
        ClusterNonceSource a = new ClusterNonceSource(() -> Future.succeededFuture(map));
        assertEquals(List.of(0L, 1L, 2L), allocate(a, 3));
        a.release(CHAIN, ACCOUNT, BigInteger.ONE);
        assertEquals(List.of(1L, 3L), allocate(a, 2));
    }

    @Test
    void aGivenBackNonceThatAnotherMemberClaimedAfterItsClaimExpiredIsNotHandedOutAgain() {
        ClusterNonceSource a = new ClusterNonceSource(() -> Future.succeededFuture(map));
        ClusterNonceSource b = new ClusterNonceSource(() -> Future.succeededFuture(map));
        assertEquals(List.of(0L), allocate(a, 1));
        a.release(CHAIN, ACCOUNT, BigInteger.ZERO);
        result(map.remove(ClusterNonceSource.accountKey(CHAIN, ACCOUNT) + ".0")); // the claim expired
        assertEquals(List.of(0L), allocate(b, 1));
        assertEquals(List.of(1L), allocate(a, 1));
    }

    @Test
    void resyncMovesTheNextNonceUpToTheNodesCountButNeverDown() {
        ClusterNonceSource a = new ClusterNonceSource(() -> Future.succeededFuture(map));
        assertEquals(List.of(0L, 1L), allocate(a, 2));
        a.resync(CHAIN, ACCOUNT, pending(10));
        assertEquals(List.of(10L), allocate(a, 1));
        a.resync(CHAIN, ACCOUNT, pending(3));
        assertEquals(List.of(11L), allocate(a, 1));
    }

    @Test
    void theNodesCountIsAskedOnceForConcurrentFirstAllocationsAndAFailureIsTheCallersError() {
        ClusterNonceSource a = new ClusterNonceSource(() -> Future.succeededFuture(map));
        AtomicInteger asked = new AtomicInteger();
        Supplier<Future<BigInteger>> down = () -> {
            asked.incrementAndGet();
            return Future.failedFuture(new IllegalStateException("node down"));
        };
        Exception e = assertThrows(Exception.class, () -> result(a.allocate(CHAIN, ACCOUNT, down)));
        assertEquals("node down", rootCause(e).getMessage());
        assertEquals(1, asked.get());

        Promise<BigInteger> count = Promise.promise();
        Supplier<Future<BigInteger>> slow = () -> {
            asked.incrementAndGet();
            return count.future();
        };
        Future<BigInteger> first = a.allocate(CHAIN, ACCOUNT, slow);
        Future<BigInteger> second = a.allocate(CHAIN, ACCOUNT, slow);
        count.complete(BigInteger.valueOf(7));
        assertEquals(List.of(7L, 8L), List.of(result(first).longValueExact(), result(second).longValueExact()));
        assertEquals(2, asked.get());
    }

    @Test
    void aClaimsMapThatFailedIsOpenedAgainAndTheNonceItCouldNotClaimIsNotSkipped() {
        AtomicInteger opened = new AtomicInteger();
        ClusterNonceSource a = new ClusterNonceSource(() -> opened.incrementAndGet() == 1
                ? Future.failedFuture(new IllegalStateException("cluster not ready")) : Future.succeededFuture(map));
        Exception e = assertThrows(Exception.class, () -> result(a.allocate(CHAIN, ACCOUNT, pending(0))));
        assertEquals("cluster not ready", rootCause(e).getMessage());
        assertEquals(List.of(0L, 1L), allocate(a, 2));
        assertEquals(2, opened.get());
    }

    static List<Long> allocate(ClusterNonceSource source, int count) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(result(source.allocate(CHAIN, ACCOUNT, pending(0))).longValueExact());
        }
        return out;
    }

    static Supplier<Future<BigInteger>> pending(long count) {
        return () -> Future.succeededFuture(BigInteger.valueOf(count));
    }

    static Throwable rootCause(Throwable e) {
        return e.getCause() == null ? e : rootCause(e.getCause());
    }
}
