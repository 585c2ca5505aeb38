package io.ethbus.middleware;

import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

/**
 * One layer of an {@link Onion}: sees a request on its way to the node and the response
 * on its way back. A layer may rewrite the request, answer without calling {@code next}
 * (a cache hit), rewrite the response, or make calls of its own.
 *
 * <pre>Middleware logging = (request, next) -&gt; next.handle(request).onComplete(r -&gt; log(request, r));</pre>
 */
@FunctionalInterface
public interface Middleware {
    Future<RpcResponse> handle(RpcRequest request, Next next);

    /** The rest of the onion below a layer, down to the provider. */
    @FunctionalInterface
    interface Next {
        Future<RpcResponse> handle(RpcRequest request);
    }
}
