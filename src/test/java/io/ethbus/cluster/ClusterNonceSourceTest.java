package io.ethbus.cluster;

import io.ethbus.primitives.Address;
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
import java.util.concurrent.atomic.AtomicLong;
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
    final AtomicLong clock = new AtomicLong();
    final AsyncMap<String, String> map = result(vertx.sharedData().getAsyncMap(ClusterNonceSource.CLAIMS));

    @AfterEach
    void close() {
        result(vertx.close());
    }

    @Test
    void twoMembersWhoseClaimsAreAllAppliedTwiceHandOutEachNonceOnceWithoutAGap() {
        AsyncMap<String, String> retried = new RetriedPutsMap<>(map);
        ClusterNonceSource a = member(retried);
        ClusterNonceSource b = member(retried);
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
        ClusterNonceSource a = member(map);
        assertEquals(List.of(0L, 1L, 2L), allocate(a, 3));
        a.release(CHAIN, ACCOUNT, BigInteger.ONE);
        assertEquals(List.of(1L, 3L), allocate(a, 2));
    }

    @Test
    void aGivenBackNonceThatAnotherMemberClaimedAfterItsClaimExpiredIsNotHandedOutAgain() {
        ClusterNonceSource a = member(map);
        ClusterNonceSource b = member(map);
        assertEquals(List.of(0L), allocate(a, 1));
        a.release(CHAIN, ACCOUNT, BigInteger.ZERO);
        result(map.remove(ClusterNonceSource.accountKey(CHAIN, ACCOUNT) + ".0")); // the claim expired
        assertEquals(List.of(0L), allocate(b, 1));
        assertEquals(List.of(1L), allocate(a, 1));
    }

    @Test
    void aReservedRunIsConsecutiveAndAnotherMembersClaimInItMovesTheRunAboveWithoutAGap() {
        ClusterNonceSource a = member(map);
        ClusterNonceSource b = member(map);
        assertEquals(0L, result(a.reserve(CHAIN, ACCOUNT, 3, pending(0))).longValueExact());
        assertEquals(List.of(3L), allocate(a, 1));
        // b does not know a's run: its own next nonce is 0, and it claims above what a holds.
        assertEquals(List.of(4L), allocate(b, 1));
        // a's run 4..5 finds 4 held by b: it runs from 6, and 5 goes to single allocations.
        assertEquals(6L, result(a.reserve(CHAIN, ACCOUNT, 2, pending(0))).longValueExact());
        assertEquals(List.of(5L, 8L, 9L), allocate(a, 3));
    }

    @Test
    void resyncMovesTheNextNonceUpToTheNodesCountButNeverDown() {
        ClusterNonceSource a = member(map);
        assertEquals(List.of(0L, 1L), allocate(a, 2));
        a.resync(CHAIN, ACCOUNT, pending(10));
        assertEquals(List.of(10L), allocate(a, 1));
        a.resync(CHAIN, ACCOUNT, pending(3));
        assertEquals(List.of(11L), allocate(a, 1));
    }

    @Test
    void theNodesCountIsAskedOnceForConcurrentFirstAllocationsAndAFailureIsTheCallersError() {
        ClusterNonceSource a = member(map);
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
                ? Future.failedFuture(new IllegalStateException("cluster not ready")) : Future.succeededFuture(map), clock::get);
        Exception e = assertThrows(Exception.class, () -> result(a.allocate(CHAIN, ACCOUNT, pending(0))));
        assertEquals("cluster not ready", rootCause(e).getMessage());
        assertEquals(List.of(0L, 1L), allocate(a, 2));
        assertEquals(2, opened.get());
    }

    @Test
    void aNonceClaimedByAMemberThatDiedBeforeSendingIsHandedOutOnceTheCountStaysBelowAndItsClaimExpired() {
        ClusterNonceSource dead = member(map);
        ClusterNonceSource alive = member(map);
        assertEquals(List.of(0L), allocate(dead, 1)); // claimed, never sent
        assertEquals(List.of(1L, 2L), allocate(alive, 2)); // sent; the node waits for 0 and counts 0
        clock.addAndGet(ClusterNonceSource.REBASE_INTERVAL.toNanos());
        assertEquals(List.of(3L), allocate(alive, 1), "the dead member's claim has not expired yet");
        result(map.remove(ClusterNonceSource.accountKey(CHAIN, ACCOUNT) + ".0")); // now it has
        clock.addAndGet(ClusterNonceSource.REBASE_INTERVAL.toNanos());
        assertEquals(List.of(4L, 0L, 5L), allocate(alive, 3));
    }

    @Test
    void aNonceWhoseSendWasLostIsHandedOutAgainByItsMemberOnceTheCountStaysBelowIt() {
        ClusterNonceSource a = member(map);
        assertEquals(List.of(0L, 1L, 2L), allocate(a, 3)); // 0 was lost on the way; 1 and 2 wait for it
        clock.addAndGet(ClusterNonceSource.REBASE_INTERVAL.toNanos() - 1);
        assertEquals(List.of(3L), allocate(a, 1), "not yet: the count has been 0 for less than the interval");
        clock.addAndGet(1);
        // this allocation's check of the node finds the hole; the one after hands it out
        assertEquals(List.of(4L, 0L, 5L), allocate(a, 3));
    }

    @Test
    void aCountThatMovesIsNoHoleEvenWithSendsInFlight() {
        ClusterNonceSource a = member(map);
        long[] sent = {0};
        // the node has every send but the last: one is always on its way
        Supplier<Future<BigInteger>> node = () -> Future.succeededFuture(BigInteger.valueOf(Math.max(0, sent[0] - 1)));
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(sent[0], result(a.allocate(CHAIN, ACCOUNT, node)).longValueExact());
                sent[0]++;
            }
            clock.addAndGet(ClusterNonceSource.REBASE_INTERVAL.toNanos());
        }
    }

    ClusterNonceSource member(AsyncMap<String, String> claims) {
        return new ClusterNonceSource(() -> Future.succeededFuture(claims), clock::get);
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
