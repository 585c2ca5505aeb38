package io.ethbus.middleware;

import io.ethbus.rpc.CacheRule;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

/**
 * Remembers answers that cannot change: the chain's identity, look-ups by hash, and reads
 * pinned to an explicit block number or hash. A read at latest, pending, safe, finalized,
 * earliest or without a block param is never cached, nor is an error or a null result (null
 * means "not there yet"). A hit answers without reaching the node, under the caller's id.
 * A block pinned by number can still be replaced by a reorganisation near the head; pin by
 * hash when that matters. The methods are those {@link RpcMethod} caches {@link CacheRule#FOREVER}.
 */
public final class SimpleCacheMiddleware implements Middleware {
    private final LruCache<CacheKey, RpcResponse> cache;

    public SimpleCacheMiddleware(int maxEntries) {
        this.cache = new LruCache<>(maxEntries);
    }

    /** The cache, for its size and hit counts. */
    public LruCache<?, ?> cache() {
        return cache;
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        if (!isCacheable(request)) {
            return next.handle(request);
        }
        CacheKey key = CacheKey.of(request);
        RpcResponse cached = cache.get(key);
        if (cached != null) {
            return Future.succeededFuture(cached.withId(request.id()));
        }
        return next.handle(request).onSuccess(response -> {
            // The whole response is kept, so a raw result stays raw (no tree for a cached block),
            // with its own bytes only, not the batch body it came in.
            if (!response.isError() && !response.isNullResult()) {
                cache.put(key, response.detached());
            }
        });
    }

    static boolean isCacheable(RpcRequest request) {
        RpcMethod method = RpcMethod.find(request.method());
        if (method == null || !method.cachedBy(CacheRule.FOREVER)) {
            return false;
        }
        return method.blockIndex() < 0 || BlockParam.of(request.params(), method.blockIndex()) == BlockParam.PINNED;
    }
}
