package io.ethbus.rpc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Objects;

/**
 * One JSON-RPC 2.0 call. Ids are numbers chosen by the sender ({@link RpcIds}); params
 * are always a JSON array (positional), as every Ethereum method takes them.
 *
 * <pre>new RpcRequest(ids.next(), "eth_getBalance", JsonRpcCodec.params(address, "latest"))</pre>
 */
public record RpcRequest(long id, String method, ArrayNode params) {
    public RpcRequest {
        Objects.requireNonNull(method, "method");
        if (method.isBlank()) {
            throw new IllegalArgumentException("JSON-RPC method must not be blank");
        }
        params = params == null ? JsonNodeFactory.instance.arrayNode() : params;
    }

    /** The same call under another id, as used when a layer re-sends it. */
    public RpcRequest withId(long newId) {
        return new RpcRequest(newId, method, params);
    }

    /** The same call with other params. */
    public RpcRequest withParams(ArrayNode newParams) {
        return new RpcRequest(id, method, newParams);
    }
}
