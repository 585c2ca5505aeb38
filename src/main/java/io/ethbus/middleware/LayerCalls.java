package io.ethbus.middleware;

import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ethbus.rpc.RpcCall;
import io.ethbus.rpc.RpcIds;
import io.ethbus.rpc.RpcRequest;
import io.vertx.core.Future;

/**
 * The calls a layer makes on its own through {@code next}, under ids of its own: they start
 * far above any id a caller hands out, and each kind of layer has its own range, so they
 * never collide with the caller's ids or with another layer's in one batch.
 */
final class LayerCalls {
    /** Where a layer's ids start: range {@code n} begins at {@code n << 48}. */
    static final int VALIDATION = 1;
    static final int LOCAL_FILTER = 2;
    static final int GAS_ESTIMATE = 3;
    static final int GAS_PRICE = 4;
    static final int STALECHECK = 5;
    static final int LATEST_BLOCK_CACHE = 6;
    static final int SIGNING = 7;
    static final int ENS = 8;
    static final int MULTICALL_BATCHING = 9;

    private final RpcIds ids;

    LayerCalls(int range) {
        this.ids = new RpcIds((long) range << 48);
    }

    /** Sends {@code call} through {@code next} and decodes the answer, an error answer failing typed. */
    <T> Future<T> call(RpcCall<T> call, Middleware.Next next) {
        RpcRequest request = new RpcRequest(ids.next(), call.method(), call.params());
        return next.handle(request).map(response -> call.read(response, null));
    }

    /** {@code next} as a transport, each call under an id of this layer's range (single calls only). */
    RpcTransport over(Middleware.Next next, String endpoint) {
        return new RpcTransport() {
            @Override
            public Future<RpcResponse> send(RpcRequest request) {
                return next.handle(request.withId(ids.next()));
            }

            @Override
            public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
                return Future.failedFuture(new UnsupportedOperationException("a layer's own calls go one by one"));
            }

            @Override
            public String endpoint() {
                return endpoint;
            }
        };
    }

    /** Sends {@code method} untyped through {@code next}; an error answer fails typed. */
    Future<JsonNode> raw(String method, ArrayNode params,
                                                        Middleware.Next next) {
        return next.handle(new RpcRequest(ids.next(), method, params)).map(response -> response.resultOrThrow(method, null));
    }
}
