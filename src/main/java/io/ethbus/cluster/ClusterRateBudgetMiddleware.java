package io.ethbus.cluster;

import io.ethbus.middleware.Middleware;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.github.bucket4j.BucketListener;
import io.github.bucket4j.SchedulingBucket;
import io.github.bucket4j.VerboseResult;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Node-onion layer that keeps all members together within a budget of calls per second for
 * one endpoint: a token bucket (bucket4j) that every member of the cluster takes its turns
 * from, kept in the cluster's Hazelcast (in the JVM when Vert.x is not clustered). It holds
 * 50 ms worth of turns, so a burst after idleness goes at
 * once, and is refilled one turn at a time at the budget's rate.
 *
 * <p>A call reserves its turn in one round trip to the bucket: when the turn is due later, the
 * call waits for it on a Vert.x timer and then proceeds; when it would have to wait longer than
 * {@code maxWait}, it reserves nothing and fails at once with {@link RateBudgetExceededException}.
 * The bucket is kept on the Hazelcast member that owns it, by that member's clock. Every
 * JSON-RPC call, batched or not, takes one turn.
 *
 * <p>Configured per endpoint: {@code "middleware": {"rateBudget": {"requestsPerSecond": 200, "maxWaitMs": 10000}}}.
 * Members share a bucket when they configure the same rate for the endpoint; a changed rate starts a fresh bucket.
 */
public final class ClusterRateBudgetMiddleware implements Middleware {
    private final Vertx vertx;
    private final String endpoint;
    private final long requestsPerSecond;
    private final Duration maxWait;
    private final Function<Vertx, Future<Optional<AsyncProxyManager<String>>>> stores;
    private final WaitCounter waitCounter = new WaitCounter();
    private Future<SchedulingBucket> bucket;

    /**
     * A budget of {@code requestsPerSecond} calls for {@code endpoint}, shared by the whole cluster
     * when {@code vertx} is clustered; a call that would wait longer than {@code maxWait} fails.
     */
    public ClusterRateBudgetMiddleware(Vertx vertx, String endpoint, long requestsPerSecond, Duration maxWait) {
        this(vertx, endpoint, requestsPerSecond, maxWait, RateBudgetBuckets::clusterStore);
    }

    /** As the public constructor, with the bucket store of a Vert.x given by {@code stores} (empty: in the JVM). */
    ClusterRateBudgetMiddleware(Vertx vertx, String endpoint, long requestsPerSecond, Duration maxWait,
                                Function<Vertx, Future<Optional<AsyncProxyManager<String>>>> stores) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        if (requestsPerSecond <= 0) {
            throw new IllegalArgumentException("rateBudget.requestsPerSecond must be positive: " + requestsPerSecond);
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("rateBudget.maxWaitMs must not be negative: " + maxWait.toMillis());
        }
        this.requestsPerSecond = requestsPerSecond;
        this.maxWait = maxWait;
        this.stores = Objects.requireNonNull(stores, "stores");
    }

    /** Calls that had to wait for their turn. */
    public long waits() {
        return waitCounter.waits.get();
    }

    /** How long calls waited for their turns, in all. */
    public long waitedMillis() {
        return waitCounter.waitedNanos.get() / 1_000_000;
    }

    /** The bucket's key in the store: the endpoint and its rate, so that a changed rate never inherits an old bucket. */
    static String bucketKey(String endpoint, long requestsPerSecond) {
        return endpoint + "@" + requestsPerSecond + "/s";
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        return turn(request.method()).compose(ignored -> next.handle(request));
    }

    /** Completes on the caller's context when this call's turn has come. */
    private Future<Void> turn(String method) {
        Context context = vertx.getOrCreateContext();
        // bucket4j refuses a zero wait limit; one nanosecond means "only if a turn is free now".
        long maxWaitNanos = Math.max(1, maxWait.toNanos());
        return bucket().compose(b -> Future.fromCompletionStage(
                        b.asVerbose().tryConsume(1, maxWaitNanos, new ContextTimers(context)), context))
                .compose(reserved -> reserved.getValue() ? Future.succeededFuture()
                        : Future.failedFuture(exceeded(method, reserved)));
    }

    private RateBudgetExceededException exceeded(String method, VerboseResult<Boolean> refused) {
        // Whole turns available (below zero: turns reserved by waiting callers); the next free one
        // is at most (1 - available) refill steps away.
        long available = refused.getDiagnostics().getAvailableTokens();
        Duration nextTurn = Duration.ofNanos((1 - available) * 1_000_000_000L / requestsPerSecond);
        return new RateBudgetExceededException(method, endpoint, requestsPerSecond, nextTurn, maxWait);
    }

    private synchronized Future<SchedulingBucket> bucket() {
        if (bucket == null || bucket.failed()) {
            String key = bucketKey(endpoint, requestsPerSecond);
            bucket = stores.apply(vertx).map(store -> store
                    .map(s -> RateBudgetBuckets.remote(s, key, RateBudgetBuckets.limit(requestsPerSecond), waitCounter))
                    .orElseGet(() -> RateBudgetBuckets.local(vertx, key, RateBudgetBuckets.limit(requestsPerSecond), waitCounter)));
        }
        return bucket;
    }

    /** Counts the calls that waited for their turn, told by the bucket from whichever thread completed the reservation. */
    private static final class WaitCounter implements BucketListener {
        final AtomicLong waits = new AtomicLong();
        final AtomicLong waitedNanos = new AtomicLong();

        @Override
        public void onDelayed(long nanos) {
            waits.incrementAndGet();
            waitedNanos.addAndGet(nanos);
        }

        @Override
        public void onConsumed(long tokens) {
        }

        @Override
        public void onRejected(long tokens) {
        }

        @Override
        public void onParked(long nanos) {
        }

        @Override
        public void onInterrupted(InterruptedException e) {
        }
    }
}
