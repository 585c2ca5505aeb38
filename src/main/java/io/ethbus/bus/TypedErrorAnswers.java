package io.ethbus.bus;

import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;

/**
 * The node onion as the event-bus handler sees it: failures become the error objects of
 * {@link EventBusErrors}, typed, so that the caller's side rebuilds the same exception. A
 * batch item failed by a layer gets its typed error in place; a single call failed with a
 * type whose code alone would not tell it from a node's error (an invalid address) is
 * answered with its error object. Other single-call failures stay failures: the handler
 * fails the message with their code.
 */
public final class TypedErrorAnswers implements RpcTransport {
    private final RpcTransport inner;

    public TypedErrorAnswers(RpcTransport inner) {
        this.inner = inner;
    }

    @Override
    public Future<RpcResponse> send(RpcRequest request) {
        return inner.send(request).recover(failure -> EventBusErrors.answeredAsError(failure)
                ? Future.succeededFuture(RpcResponse.failure(request.id(), EventBusErrors.errorOf(failure), failure))
                : Future.failedFuture(failure));
    }

    @Override
    public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        return inner.sendBatch(requests).map(responses -> {
            List<RpcResponse> out = new ArrayList<>(responses.size());
            for (RpcResponse r : responses) {
                // an item failed on this side carries a local error; the wire gets its typed form
                out.add(r.failure() == null ? r : RpcResponse.failure(r.id(), EventBusErrors.errorOf(r.failure()), r.failure()));
            }
            return out;
        });
    }

    @Override
    public String endpoint() {
        return inner.endpoint();
    }
}
