package io.ethbus.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects typed calls and sends them as one JSON-RPC batch. Each {@link #add} returns
 * the future of that call alone: one failed item fails only its own future.
 *
 * <pre>
 * Batch batch = client.batch();
 * Future&lt;BigInteger&gt; balance = batch.add(EthCalls.getBalance(address, BlockId.LATEST));
 * Future&lt;Long&gt; head = batch.add(EthCalls.blockNumber());
 * batch.send();
 * </pre>
 *
 * A batch is sent once; it is not thread-safe (fill it from one context).
 */
public final class Batch {
    private final RpcTransport transport;
    private final RpcIds ids;
    private final List<RpcRequest> requests = new ArrayList<>();
    private final List<Pending<?>> pending = new ArrayList<>();
    private boolean sent;

    Batch(RpcTransport transport, RpcIds ids) {
        this.transport = transport;
        this.ids = ids;
    }

    public <T> Future<T> add(RpcCall<T> call) {
        if (sent) {
            throw new IllegalStateException("batch already sent");
        }
        Pending<T> p = new Pending<>(call, Promise.promise());
        requests.add(new RpcRequest(ids.next(), call.method(), call.params()));
        pending.add(p);
        return p.promise.future();
    }

    /** Adds any method, untyped. */
    public Future<JsonNode> add(String method, Object... params) {
        return add(new RpcCall<>(method, JsonRpcCodec.params(params), result -> result));
    }

    /** Adds any method whose result is wanted as the node's JSON text ({@link RpcCall#raw}). */
    public Future<RawJson> addRaw(String method, Object... params) {
        return add(RpcCall.raw(method, JsonRpcCodec.params(params)));
    }

    public int size() {
        return requests.size();
    }

    /**
     * Sends the batch. The returned future completes when every item's future has completed;
     * it fails only when the batch as a whole failed (then every item fails with that error).
     */
    public Future<Void> send() {
        if (sent) {
            return Future.failedFuture(new IllegalStateException("batch already sent"));
        }
        sent = true;
        return transport.sendBatch(List.copyOf(requests))
                .onSuccess(responses -> {
                    for (int i = 0; i < responses.size(); i++) {
                        pending.get(i).complete(responses.get(i), transport.endpoint());
                    }
                })
                .onFailure(error -> pending.forEach(p -> p.promise.tryFail(error)))
                .mapEmpty();
    }

    private record Pending<T>(RpcCall<T> call, Promise<T> promise) {
        void complete(RpcResponse response, String endpoint) {
            try {
                promise.complete(call.read(response, endpoint));
            } catch (EthbusException e) {
                promise.fail(e);
            }
        }
    }
}
