package io.ethbus.cluster;

import io.ethbus.eth.Address;
import io.ethbus.middleware.NonceSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Counter;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A {@link NonceSource} for the whole cluster: members sending from the same key get distinct,
 * consecutive nonces. Each chain and account has one counter of the cluster's shared data
 * ({@code ethbus.nonce.<chainId>.<address>}, a Hazelcast map entry changed by entry
 * processors, so every change is atomic), holding the next nonce + 1, 0 while nobody has
 * read the node's count yet.
 *
 * <p>Start without any consensus of our own: a member that reads 0 asks the node for the
 * pending count {@code p} and sets the counter with {@code compareAndSet(0, p + 1)}; when
 * several do so at once one wins and the others' values, equal or older, are dropped. From
 * then on every allocation is one {@code getAndIncrement}, and the counter never returns to
 * 0, so no allocation can see a half-started counter. A nonce given back is counted down
 * when it is the newest handed out, else kept in this member to be handed out again first
 * (nobody else holds it). {@link #resync} only raises the counter to the node's pending
 * count (another sender used the key); it never lowers it, as other members may have sends
 * in flight. Thread-safe; one instance per member, shared by its signers.
 *
 * <pre>new SignAndSendRawMiddleware(vertx, List.of(account), new ClusterNonceSource(member.vertx()))</pre>
 */
public final class ClusterNonceSource implements NonceSource {
    private static final String PREFIX = "ethbus.nonce.";
    private static final int RAISE_ATTEMPTS = 16;

    private final Vertx vertx;
    private final Map<String, Future<Counter>> counters = new HashMap<>();
    /** Counters seen started: they never return to 0, so they need no further check. */
    private final Set<String> started = new HashSet<>();
    /** The node's count asked once per counter however many allocations wait for it. */
    private final Map<String, Future<Void>> starting = new HashMap<>();
    private final Map<String, TreeSet<Long>> released = new HashMap<>();

    /** @param vertx a clustered Vert.x (a local one works too, counting in this JVM only) */
    public ClusterNonceSource(Vertx vertx) {
        this.vertx = vertx;
    }

    /** The shared-data counter name of an account on a chain. */
    public static String counterName(BigInteger chainId, Address address) {
        return PREFIX + chainId + "." + address.toHex().toLowerCase();
    }

    @Override
    public Future<BigInteger> allocate(BigInteger chainId, Address address, Supplier<Future<BigInteger>> pendingCount) {
        String name = counterName(chainId, address);
        Long reused = takeReleased(name);
        if (reused != null) {
            return Future.succeededFuture(BigInteger.valueOf(reused));
        }
        return counter(name).compose(counter -> start(name, counter, pendingCount)
                .compose(v -> counter.getAndIncrement())
                .map(next -> BigInteger.valueOf(next - 1)));
    }

    @Override
    public void release(BigInteger chainId, Address address, BigInteger nonce) {
        String name = counterName(chainId, address);
        long n = nonce.longValueExact();
        counter(name).compose(counter -> counter.compareAndSet(n + 2, n + 1)).onComplete(ar -> {
            if (ar.failed() || !ar.result()) {
                synchronized (this) {
                    released.computeIfAbsent(name, k -> new TreeSet<>()).add(n);
                }
            }
        });
    }

    @Override
    public void resync(BigInteger chainId, Address address, Supplier<Future<BigInteger>> pendingCount) {
        String name = counterName(chainId, address);
        Future.all(counter(name), pendingCount.get()).compose(both -> {
            long pending = both.<BigInteger>resultAt(1).longValueExact();
            synchronized (this) {
                TreeSet<Long> mine = released.get(name);
                if (mine != null) {
                    mine.headSet(pending).clear(); // the node has used those since
                }
            }
            return raise(both.resultAt(0), pending + 1, RAISE_ATTEMPTS);
        });
    }

    private Future<Void> start(String name, Counter counter, Supplier<Future<BigInteger>> pendingCount) {
        synchronized (this) {
            if (started.contains(name)) {
                return Future.succeededFuture();
            }
            Future<Void> inFlight = starting.get(name);
            if (inFlight != null) {
                return inFlight;
            }
            Future<Void> start = counter.get().compose(value -> value > 0 ? Future.succeededFuture()
                    : pendingCount.get().compose(p -> counter.compareAndSet(0, p.longValueExact() + 1)).<Void>mapEmpty());
            starting.put(name, start);
            start.onComplete(ar -> {
                synchronized (this) {
                    starting.remove(name);
                    if (ar.succeeded()) {
                        started.add(name);
                    }
                }
            });
            return start;
        }
    }

    /** Sets the counter to at least {@code floor}; retried when another member changed it meanwhile. */
    private static Future<Void> raise(Counter counter, long floor, int attempts) {
        return counter.get().compose(value -> {
            if (value >= floor || attempts <= 0) {
                return Future.succeededFuture();
            }
            return counter.compareAndSet(value, floor)
                    .compose(set -> set ? Future.succeededFuture() : raise(counter, floor, attempts - 1));
        });
    }

    private synchronized Long takeReleased(String name) {
        TreeSet<Long> mine = released.get(name);
        return mine == null ? null : mine.pollFirst();
    }

    private synchronized Future<Counter> counter(String name) {
        Future<Counter> counter = counters.get(name);
        if (counter == null || counter.failed()) {
            counter = SharedCounters.open(vertx, name);
            counters.put(name, counter);
        }
        return counter;
    }
}
