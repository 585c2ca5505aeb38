package io.ethbus.provider;

import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;

/**
 * A connection to one Ethereum node (HTTP, WebSocket or IPC). A provider belongs to the
 * verticle or client that created it and is used only from that one's context: it is never
 * shared across event loops.
 */
public interface Provider extends RpcTransport {
    /** Releases connections and pending calls; pending calls fail. */
    Future<Void> close();
}
