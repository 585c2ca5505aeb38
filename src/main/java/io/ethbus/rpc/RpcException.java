package io.ethbus.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** The node answered with a JSON-RPC error object. */
public class RpcException extends EthbusException {
    private final transient RpcError error;

    public RpcException(String method, String endpoint, RpcError error) {
        super(method, endpoint, "JSON-RPC error " + error.code() + ": " + error.message()
                + (error.data() == null || error.data().isNull() ? "" : " (data: " + Excerpt.of(error.data().toString()) + ")"));
        this.error = error;
    }

    public RpcError error() {
        return error;
    }

    public int code() {
        return error.code();
    }

    public String rpcMessage() {
        return error.message();
    }

    /** The error's {@code data} member, or null when the node sent none. */
    public JsonNode data() {
        return error.data();
    }
}
