package io.ethbus.cluster;

import io.ethbus.middleware.Middleware;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Counter;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Node-onion layer that keeps all members together within a budget of calls per second
 * for one endpoint. The turns are numbered by one cluster-wide counter of the Vert.x shared
 * data (a Hazelcast atomic long when clustered, local otherwise): turn {@code n} may go at
 * {@code n / rate} seconds since the epoch, so calls are spaced evenly whichever member
 * takes them. After an idle spell the counter is moved up to now (compare-and-set), with
 * at most {@value #CATCH_UP_MILLIS} ms of unused budget kept. A call whose turn is further
 * away than {@code maxWait} fails with {@link RateBudgetExceededException}. Members' clocks
 * are assumed in step (NTP); every JSON-RPC call, batched or not, takes one turn.
 *
 * <p>Configured per endpoint: {@code "middleware": {"rateBudget": {"requestsPerSecond": 200, "maxWaitMs": 10000}}}.
 */
public final class ClusterRateBudgetMiddleware implements Middleware {
    /** Budget left unused this long ago may still be spent: a small burst after idleness. */
    static final long CATCH_UP_MILLIS = 50;
    private static final int MAX_CATCH_UPS = 16;

    private final Vertx vertx;
    private final String endpoint;
    private final long requestsPerSecond;
    private final Duration maxWait;
    private final LongSupplier clock;
    private Future<Counter> counter;
    private long waits;
    private long waitedMillis;

    public ClusterRateBudgetMiddleware(Vertx vertx, String endpoint, long requestsPerSecond, Duration maxWait) {
        this(vertx, endpoint, requestsPerSecond, maxWait, System::currentTimeMillis);
    }

    ClusterRateBudgetMiddleware(Vertx vertx, String endpoint, long requestsPerSecond, Duration maxWait, LongSupplier clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        if (requestsPerSecond <= 0) {
            throw new IllegalArgumentException("requestsPerSecond must be positive: " + requestsPerSecond);
        }
        this.requestsPerSecond = requestsPerSecond;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.clock = clock;
    }

    /** The name of the cluster-wide counter of {@code endpoint}'s turns. */
    /** Calls that had to wait for their turn, and how long they waited in all. */
    public long waits() {
        return waits;
    }

    public long waitedMillis() {
        return waitedMillis;
    }

    public static String counterName(String endpoint) {
        return "ethbus.budget." + endpoint;
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        return turn(request.method(), 0).compose(ignored -> next.handle(request));
    }

    private synchronized Future<Counter> counter() {
        if (counter == null || counter.failed()) {
            counter = SharedCounters.open(vertx, counterName(endpoint));
        }
        return counter;
    }

    /** Completes when this call's turn has come. */
    private Future<Void> turn(String method, int catchUps) {
        return counter().compose(c -> c.incrementAndGet().compose(turn -> {
            long now = clock.getAsLong();
            long earliest = (now - CATCH_UP_MILLIS) * requestsPerSecond / 1000;
            if (turn < earliest) {
                if (catchUps >= MAX_CATCH_UPS) {
                    return Future.failedFuture(new RateBudgetExceededException(method, endpoint,
                            "could not take a turn of the rate budget after " + MAX_CATCH_UPS + " tries"));
                }
                // Idle budget: move the counter up to now unless another caller already did, then take a fresh turn.
                return c.get().compose(current -> current < earliest
                                ? c.compareAndSet(current, earliest).mapEmpty() : Future.succeededFuture())
                        .compose(moved -> turn(method, catchUps + 1));
            }
            long waitMillis = turn * 1000 / requestsPerSecond - now;
            if (waitMillis <= 0) {
                return Future.succeededFuture();
            }
            if (waitMillis > maxWait.toMillis()) {
                return Future.failedFuture(new RateBudgetExceededException(method, endpoint, "rate budget of "
                        + requestsPerSecond + " calls/s: next turn in " + waitMillis + " ms, more than " + maxWait.toMillis() + " ms"));
            }
            waits++;
            waitedMillis += waitMillis;
            Promise<Void> due = Promise.promise();
            vertx.setTimer(waitMillis, id -> due.complete());
            return due.future();
        }));
    }
}
