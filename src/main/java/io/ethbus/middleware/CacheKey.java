package io.ethbus.middleware;

import io.ethbus.rpc.RpcRequest;

/**
 * What the caches file an answer under: the method and the params as JSON text, so that
 * the same call under another id finds the same entry.
 */
record CacheKey(String method, String params) {
    static CacheKey of(RpcRequest request) {
        return new CacheKey(request.method(), request.params().toString());
    }
}
