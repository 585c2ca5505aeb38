package io.ethbus.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * One JSON-RPC 2.0 answer: a result (possibly JSON null) or an error, never both.
 */
public record RpcResponse(long id, JsonNode result, RpcError error) {
    public RpcResponse {
        if (error != null && result != null) {
            throw new IllegalArgumentException("a JSON-RPC response has a result or an error, not both");
        }
        if (error == null && result == null) {
            result = NullNode.getInstance();
        }
    }

    public static RpcResponse success(long id, JsonNode result) {
        return new RpcResponse(id, result, null);
    }

    public static RpcResponse failure(long id, RpcError error) {
        return new RpcResponse(id, null, error);
    }

    public boolean isError() {
        return error != null;
    }

    /** The result, or an {@link RpcException} naming the method and endpoint when this is an error. */
    public JsonNode resultOrThrow(String method, String endpoint) {
        if (error != null) {
            throw new RpcException(method, endpoint, error);
        }
        return result;
    }
}
