package io.ethbus.middleware;

import io.ethbus.primitives.Address;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalNonceSourceTest {
    static final Address A = Address.of("0x" + "11".repeat(20));
    static final Address B = Address.of("0x" + "22".repeat(20));
    static final BigInteger CHAIN = BigInteger.valueOf(31337);

    @Test
    void firstAllocationsShareOneLookUpThenCountLocally() {
        LocalNonceSource nonces = new LocalNonceSource();
        AtomicInteger lookUps = new AtomicInteger();
        Promise<BigInteger> count = Promise.promise();
        List<Future<BigInteger>> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(nonces.allocate(CHAIN, A, () -> {
                lookUps.incrementAndGet();
                return count.future();
            }));
        }
        count.complete(BigInteger.valueOf(7));
        Set<BigInteger> values = new HashSet<>();
        got.forEach(f -> values.add(result(f)));
        assertEquals(Set.of(7L, 8L, 9L, 10L, 11L), toLongs(values));
        assertEquals(BigInteger.valueOf(12), result(nonces.allocate(CHAIN, A, () -> Future.failedFuture("not asked"))));
        assertEquals(1, lookUps.get());
        assertEquals(BigInteger.ZERO, result(nonces.allocate(CHAIN, B, () -> Future.succeededFuture(BigInteger.ZERO))));
    }

    @Test
    void concurrentThreadsGetDistinctConsecutiveNonces() throws InterruptedException {
        LocalNonceSource nonces = new LocalNonceSource();
        Set<BigInteger> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        CountDownLatch done = new CountDownLatch(8);
        for (int t = 0; t < 8; t++) {
            new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    seen.add(result(nonces.allocate(CHAIN, A, () -> Future.succeededFuture(BigInteger.valueOf(100)))));
                }
                done.countDown();
            }).start();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(4000, seen.size());
        assertEquals(BigInteger.valueOf(100), seen.stream().min(BigInteger::compareTo).orElseThrow());
        assertEquals(BigInteger.valueOf(4099), seen.stream().max(BigInteger::compareTo).orElseThrow());
    }

    @Test
    void releasedNoncesAreReusedFirstSoNoGapRemains() {
        LocalNonceSource nonces = new LocalNonceSource();
        for (int i = 0; i < 5; i++) {
            result(nonces.allocate(CHAIN, A, () -> Future.succeededFuture(BigInteger.ZERO)));
        }
        nonces.release(CHAIN, A, BigInteger.ONE);
        nonces.release(CHAIN, A, BigInteger.valueOf(3));
        assertEquals(BigInteger.ONE, result(nonces.allocate(CHAIN, A, () -> Future.failedFuture("x"))));
        assertEquals(BigInteger.valueOf(3), result(nonces.allocate(CHAIN, A, () -> Future.failedFuture("x"))));
        assertEquals(BigInteger.valueOf(5), result(nonces.allocate(CHAIN, A, () -> Future.failedFuture("x"))));
        // releasing the newest nonce just counts down
        nonces.release(CHAIN, A, BigInteger.valueOf(5));
        assertEquals(BigInteger.valueOf(5), result(nonces.allocate(CHAIN, A, () -> Future.failedFuture("x"))));
    }

    @Test
    void aReservedRunIsConsecutiveLeavesReleasedNoncesToSingleAllocationsAndIsGivenBackWhole() {
        LocalNonceSource nonces = new LocalNonceSource();
        assertEquals(BigInteger.valueOf(7), result(nonces.reserve(CHAIN, A, 3, () -> Future.succeededFuture(BigInteger.valueOf(7)))));
        assertEquals(BigInteger.TEN, result(nonces.allocate(CHAIN, A, () -> Future.failedFuture("x"))));
        nonces.release(CHAIN, A, BigInteger.valueOf(8));
        assertEquals(BigInteger.valueOf(11), result(nonces.reserve(CHAIN, A, 2, () -> Future.failedFuture("x"))));
        assertEquals(BigInteger.valueOf(8), result(nonces.allocate(CHAIN, A, () -> Future.failedFuture("x"))));
        // the newest run given back, highest first, is counted down whole
        nonces.release(CHAIN, A, BigInteger.valueOf(12));
        nonces.release(CHAIN, A, BigInteger.valueOf(11));
        assertEquals(BigInteger.valueOf(11), result(nonces.reserve(CHAIN, A, 2, () -> Future.failedFuture("x"))));
    }

    @Test
    void resyncAsksTheNodeAgainAndAFailedLookUpIsRetried() {
        LocalNonceSource nonces = new LocalNonceSource();
        Throwable failed = io.ethbus.testsupport.Await.failure(nonces.allocate(CHAIN, A, () -> Future.failedFuture("down")));
        assertEquals("down", failed.getMessage());
        assertEquals(BigInteger.TWO, result(nonces.allocate(CHAIN, A, () -> Future.succeededFuture(BigInteger.TWO))));
        nonces.resync(CHAIN, A, () -> Future.failedFuture("read lazily"));
        assertEquals(BigInteger.TEN, result(nonces.allocate(CHAIN, A, () -> Future.succeededFuture(BigInteger.TEN))));
    }

    static Set<Long> toLongs(Set<BigInteger> values) {
        Set<Long> out = new HashSet<>();
        values.forEach(v -> out.add(v.longValue()));
        return out;
    }
}
