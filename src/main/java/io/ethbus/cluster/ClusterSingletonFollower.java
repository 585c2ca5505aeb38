package io.ethbus.cluster;

import io.ethbus.primitives.Hash;
import io.ethbus.heads.ChainFollower;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Lock;

import java.util.function.Supplier;

/**
 * Follows an endpoint's head once for the whole cluster: every member that wants the heads
 * runs one of these, exactly one of them, the holder of the cluster lock
 * {@code ethbus.heads.<endpoint>}, has the upstream subscription and publishes; the others
 * stand by, waiting on the lock, and watch what is published. When the holder dies its lock
 * is freed and a waiting member takes over, continuing after the last head it saw published:
 * the blocks in between are backfilled. A head the old holder published to some members only,
 * as it died, is published again, so the address has each head at least once;
 * {@code EthClient.heads()} drops the repeats and delivers every block number once.
 *
 * <p>Why a lock: vertx-hazelcast 5.1 implements {@code getLockWithTimeout} with
 * {@code IMap.tryLock} on the map {@code __vertx.map.lock}, and Hazelcast's lock service
 * releases every map lock a member owned when that member is removed from the cluster
 * ({@code LockSupportServiceImpl.memberRemoved}). A killed holder therefore frees the
 * lock as soon as the cluster declares it dead (heartbeat settings in
 * {@code conf/cluster.xml}), and a waiting {@code tryLock} is woken at once: no leader
 * election of our own. The upstream follower is created only by the holder, so a standby
 * member opens no connection to the node at all. Used from one context only.
 */
public final class ClusterSingletonFollower implements ChainFollower {
    private static final System.Logger LOG = System.getLogger(ClusterSingletonFollower.class.getName());
    /** How long one wait for the lock lasts; a standby waits again right after. */
    private static final long LOCK_WAIT_MS = 10_000;
    private static final long RETRY_DELAY_MS = 1_000;

    private final Vertx vertx;
    private final String endpoint;
    private final String headsAddress;
    private final Supplier<ChainFollower> upstreamFactory;
    private MessageConsumer<JsonObject> watcher;
    private Hash lastPublished;
    private ChainFollower upstream;
    private Lock lock;
    private long reconnectsBefore;
    private boolean stopped;

    /**
     * @param endpoint        the endpoint's name, which names the lock
     * @param headsAddress    where the holder publishes heads (and the others watch)
     * @param upstreamFactory makes the follower that subscribes upstream, called when this member holds the lock
     */
    public ClusterSingletonFollower(Vertx vertx, String endpoint, String headsAddress, Supplier<ChainFollower> upstreamFactory) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.headsAddress = headsAddress;
        this.upstreamFactory = upstreamFactory;
    }

    /** The name of the cluster lock whose holder follows {@code endpoint}. */
    public static String lockName(String endpoint) {
        return "ethbus.heads." + endpoint;
    }

    /** Completes once this member follows the endpoint, or stands by because another member does. */
    @Override
    public Future<Void> start() {
        watcher = vertx.eventBus().consumer(headsAddress, m -> {
            JsonObject event = m.body();
            if ("head".equals(event.getString("type"))) {
                lastPublished = Hash.of(event.getString("hash"));
            }
        });
        return watcher.completion()
                .compose(v -> vertx.sharedData().getLockWithTimeout(lockName(endpoint), 1))
                .compose(this::lead, e -> {
                    standBy();
                    return Future.succeededFuture();
                });
    }

    @Override
    public Future<Void> startAfter(Hash last) {
        lastPublished = last;
        return start();
    }

    /** Whether this member holds the lock and follows the endpoint now. */
    public boolean leading() {
        return upstream != null;
    }

    @Override
    public Future<Void> stop() {
        stopped = true;
        Future<Void> unwatched = watcher == null ? Future.succeededFuture() : watcher.unregister();
        return Future.join(unwatched, resign()).mapEmpty();
    }

    @Override
    public long reconnects() {
        return reconnectsBefore + (upstream == null ? 0 : upstream.reconnects());
    }

    private void standBy() {
        if (stopped) {
            return;
        }
        vertx.sharedData().getLockWithTimeout(lockName(endpoint), LOCK_WAIT_MS).onComplete(ar -> {
            if (ar.succeeded()) {
                lead(ar.result()).onFailure(e -> vertx.setTimer(RETRY_DELAY_MS, t -> standBy()));
            } else {
                standBy(); // timed out: another member still follows; wait again
            }
        });
    }

    private Future<Void> lead(Lock held) {
        if (stopped) {
            held.release();
            return Future.succeededFuture();
        }
        lock = held;
        upstream = upstreamFactory.get();
        Hash after = lastPublished;
        LOG.log(System.Logger.Level.INFO, "following the heads of {0} for the cluster{1}", endpoint,
                after == null ? "" : ", after block " + after);
        Future<Void> started = after == null ? upstream.start() : upstream.startAfter(after);
        return started.recover(e -> {
            // The node cannot be reached from here: leave the heads to another member meanwhile.
            LOG.log(System.Logger.Level.WARNING, "cannot follow the heads of {0}: {1}", endpoint, e.getMessage());
            return resign().compose(v -> Future.failedFuture(e));
        });
    }

    private Future<Void> resign() {
        ChainFollower following = upstream;
        Lock held = lock;
        upstream = null;
        lock = null;
        if (following == null) {
            return Future.succeededFuture();
        }
        reconnectsBefore += following.reconnects();
        return following.stop().eventually(() -> {
            held.release();
            return Future.succeededFuture();
        });
    }
}
