package io.ethbus.middleware;

import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

import java.util.Map;
import java.util.Set;

/**
 * Remembers answers that cannot change: the chain's identity, look-ups by hash, and reads
 * pinned to an explicit block number or hash. A read at latest, pending, safe, finalized,
 * earliest or without a block param is never cached, nor is an error or a null result (null
 * means "not there yet"). A hit answers without reaching the node, under the caller's id.
 * A block pinned by number can still be replaced by a reorganisation near the head; pin by
 * hash when that matters.
 */
public final class SimpleCacheMiddleware implements Middleware {
    private static final Set<String> ALWAYS = Set.of(
            "eth_chainId", "net_version", "web3_clientVersion",
            "eth_getBlockByHash", "eth_getTransactionByHash", "eth_getTransactionByBlockHashAndIndex",
            "eth_getBlockTransactionCountByHash", "eth_getUncleCountByBlockHash",
            "eth_getUncleByBlockHashAndIndex", "eth_getRawTransactionByHash");

    /** Methods cached only when pinned to a block, with the index of their block param. */
    private static final Map<String, Integer> PINNED = Map.of(
            "eth_getBlockByNumber", 0,
            "eth_getBalance", 1,
            "eth_getCode", 1,
            "eth_getStorageAt", 2,
            "eth_getTransactionCount", 1,
            "eth_call", 1,
            "eth_getBlockTransactionCountByNumber", 0,
            "eth_getTransactionByBlockNumberAndIndex", 0,
            "eth_getBlockReceipts", 0);

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
        if (ALWAYS.contains(request.method())) {
            return true;
        }
        Integer blockIndex = PINNED.get(request.method());
        return blockIndex != null && BlockParam.of(request.params(), blockIndex) == BlockParam.PINNED;
    }
}
