package io.ethbus.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC error object: code, message and optional data. */
public record RpcError(int code, String message, JsonNode data) {
    public RpcError {
        message = message == null ? "" : message;
    }

    public RpcError(int code, String message) {
        this(code, message, null);
    }
}
