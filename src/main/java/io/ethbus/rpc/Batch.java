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
        String endpoint = transport.endpoint();
        return transport.sendBatch(List.copyOf(requests))
                // decoded on a worker when heavy, the futures completed back on this context
                .compose(responses -> OffLoop.run(decodedBytes(responses), () -> decode(responses, endpoint)).map(this::complete))
                .onFailure(error -> pending.forEach(p -> p.promise.tryFail(error)))
                .mapEmpty();
    }

    /** The text of the results to decode into records. */
    private long decodedBytes(List<RpcResponse> responses) {
        long bytes = 0;
        for (int i = 0; i < responses.size(); i++) {
            RawJson raw = responses.get(i).rawResult();
            if (raw != null && pending.get(i).call.decodes()) {
                bytes += raw.length();
            }
        }
        return bytes;
    }

    /** Each item's decoded result, or the exception reading it threw: one bad item fails only its own future. */
    private List<Object> decode(List<RpcResponse> responses, String endpoint) {
        List<Object> outcomes = new ArrayList<>(responses.size());
        for (int i = 0; i < responses.size(); i++) {
            try {
                outcomes.add(pending.get(i).call.read(responses.get(i), endpoint));
            } catch (RuntimeException e) {
                outcomes.add(new Failed(e));
            }
        }
        return outcomes;
    }

    private Void complete(List<Object> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) {
            pending.get(i).complete(outcomes.get(i));
        }
        return null;
    }

    private record Failed(RuntimeException error) {
    }

    private record Pending<T>(RpcCall<T> call, Promise<T> promise) {
        @SuppressWarnings("unchecked")
        void complete(Object outcome) {
            if (outcome instanceof Failed f) {
                promise.fail(f.error());
            } else {
                promise.complete((T) outcome);
            }
        }
    }
}
