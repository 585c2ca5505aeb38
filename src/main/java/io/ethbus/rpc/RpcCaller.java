package io.ethbus.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;

import java.util.Objects;

/**
 * Runs typed calls over a transport, giving each request a fresh id. One caller per
 * client; it holds no connection of its own.
 */
public final class RpcCaller {
    private final RpcTransport transport;
    private final RpcIds ids;

    public RpcCaller(RpcTransport transport) {
        this(transport, new RpcIds());
    }

    /**
     * A caller drawing its ids from {@code ids}: a range of its own where another caller shares
     * the connection (ids must be distinct on one connection).
     */
    public RpcCaller(RpcTransport transport, RpcIds ids) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    public <T> Future<T> call(RpcCall<T> call) {
        RpcRequest request = new RpcRequest(ids.next(), call.method(), call.params());
        return transport.send(request).compose(response -> call.readOffLoop(response, transport.endpoint()));
    }

    /** Any method, untyped: params as for {@link JsonRpcCodec#params}, the raw JSON result back. */
    public Future<JsonNode> request(String method, Object... params) {
        return call(new RpcCall<>(method, JsonRpcCodec.params(params), result -> result));
    }

    /** A new, empty batch on this caller's transport. */
    public Batch batch() {
        return new Batch(transport, ids);
    }

    public String endpoint() {
        return transport.endpoint();
    }
}
