package io.ethbus.rpc;

import io.vertx.core.Future;

import java.util.List;

/**
 * Anything that carries JSON-RPC calls to a node and brings the answers back: a provider,
 * a middleware chain in front of one, or the event bus.
 */
public interface RpcTransport {
    /**
     * Sends one call. The future succeeds with the node's answer, including a JSON-RPC error
     * answer; it fails with an {@link EthbusException} when no usable answer arrived.
     */
    Future<RpcResponse> send(RpcRequest request);

    /**
     * Sends several calls as one JSON-RPC batch. The answers come back in the order of
     * {@code requests}, matched by id whatever order the node used; an item that failed
     * carries its own error. The future fails only when the batch as a whole did.
     */
    Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests);

    /** The endpoint this transport talks to, secrets masked; used in error messages. */
    String endpoint();
}
