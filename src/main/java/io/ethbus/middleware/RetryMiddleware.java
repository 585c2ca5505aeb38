package io.ethbus.middleware;

import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends an idempotent read again when the failure is likely to pass: a broken connection, a
 * timeout, HTTP 429 or 5xx, or a JSON-RPC answer saying the node is rate limiting or has
 * not caught up yet (codes -32005, -32016, -32007, -32012, "rate limit", "header not
 * found"). Waits with exponential backoff and jitter on a Vert.x timer, or as long as the
 * server's Retry-After asks (clamped). After the last attempt the last failure or error
 * answer is returned unchanged. Transaction sends are never retried.
 */
public final class RetryMiddleware implements Middleware {
    private long retries;
    private static final Set<Integer> RETRYABLE_CODES = Set.of(-32005, -32016, -32007, -32012);

    private final Vertx vertx;
    private final RetryPolicy policy;

    public RetryMiddleware(Vertx vertx, RetryPolicy policy) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public RetryPolicy policy() {
        return policy;
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        if (policy.maxAttempts() == 1 || !policy.mayRetry(request.method())) {
            return next.handle(request);
        }
        return attempt(request, next, 1);
    }

    /** Calls sent again so far by this layer. */
    public long retries() {
        return retries;
    }

    private Future<RpcResponse> attempt(RpcRequest request, Next next, int attempt) {
        return next.handle(request).transform(outcome -> {
            Optional<Duration> delay = attempt < policy.maxAttempts() ? retryDelay(outcome, attempt) : Optional.empty();
            if (delay.isEmpty()) {
                return outcome.succeeded() ? Future.succeededFuture(outcome.result()) : Future.failedFuture(outcome.cause());
            }
            retries++;
            return after(delay.get()).compose(ignored -> attempt(request, next, attempt + 1));
        });
    }

    /** The wait before the next attempt, or empty when the outcome is final. */
    private Optional<Duration> retryDelay(AsyncResult<RpcResponse> outcome, int attempt) {
        if (outcome.succeeded() && !outcome.result().isError()) {
            return Optional.empty(); // nearly every call: no backoff to draw
        }
        Duration backoff = policy.backoff(attempt, ThreadLocalRandom.current().nextDouble());
        if (outcome.succeeded()) {
            RpcResponse response = outcome.result();
            return response.isError() && isRetryable(response.error()) ? Optional.of(backoff) : Optional.empty();
        }
        Throwable failure = outcome.cause();
        if (failure instanceof HttpStatusException http) {
            if (http.status() != 429 && http.status() < 500) {
                return Optional.empty();
            }
            return Optional.of(http.retryAfter().map(policy::clampRetryAfter).orElse(backoff));
        }
        if (failure instanceof ProviderConnectionException || failure instanceof ProviderTimeoutException) {
            return Optional.of(backoff);
        }
        return Optional.empty();
    }

    private static boolean isRetryable(RpcError error) {
        if (RETRYABLE_CODES.contains(error.code())) {
            return true;
        }
        String message = error.message().toLowerCase(Locale.ROOT);
        return message.contains("rate limit") || message.contains("header not found");
    }

    private Future<Void> after(Duration delay) {
        Promise<Void> promise = Promise.promise();
        // Vert.x timers need at least 1 ms; a Retry-After of 0 still yields to the event loop.
        vertx.setTimer(Math.max(1, delay.toMillis()), id -> promise.complete());
        return promise.future();
    }
}
