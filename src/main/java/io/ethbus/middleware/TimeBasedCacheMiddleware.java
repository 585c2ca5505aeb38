package io.ethbus.middleware;

import io.ethbus.rpc.CacheRule;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Remembers the answers of a few slow-moving calls (accounts, chain and client identity,
 * peer and sync status, gas prices) for a fixed time. Errors and null results are never
 * cached; a hit answers under the caller's id without reaching the node. The methods are
 * those {@link RpcMethod} caches {@link CacheRule#TIMED}.
 *
 * <pre>new TimeBasedCacheMiddleware(Duration.ofSeconds(15), 256)</pre>
 */
public final class TimeBasedCacheMiddleware implements Middleware {
    /** The whole response is kept, so a raw result stays raw (no tree is built to cache it), detached from its body. */
    private record Entry(RpcResponse response, long storedAtMillis) {
    }

    private final Duration expiry;
    private final Clock clock;
    private final LruCache<CacheKey, Entry> cache;

    public TimeBasedCacheMiddleware(Duration expiry, int maxEntries) {
        this(expiry, maxEntries, Clock.systemUTC());
    }

    /** With the clock that decides expiry, so that tests need not wait. */
    public TimeBasedCacheMiddleware(Duration expiry, int maxEntries, Clock clock) {
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be positive, got " + expiry);
        }
        this.expiry = expiry;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = new LruCache<>(maxEntries);
    }

    /** The cache, for its size and hit counts. */
    public LruCache<?, ?> cache() {
        return cache;
    }

    public Duration expiry() {
        return expiry;
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        RpcMethod method = RpcMethod.find(request.method());
        if (method == null || !method.cachedBy(CacheRule.TIMED)) {
            return next.handle(request);
        }
        CacheKey key = CacheKey.of(request);
        Entry entry = cache.get(key);
        long now = clock.millis();
        if (entry != null) {
            if (now - entry.storedAtMillis() < expiry.toMillis()) {
                return Future.succeededFuture(entry.response().withId(request.id()));
            }
            cache.remove(key);
        }
        return next.handle(request).onSuccess(response -> {
            if (!response.isError() && !response.isNullResult()) {
                cache.put(key, new Entry(response.detached(), now));
            }
        });
    }
}
