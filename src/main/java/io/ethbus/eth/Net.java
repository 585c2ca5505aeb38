package io.ethbus.eth;

import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;

/** The net namespace. */
public final class Net {
    private final RpcCaller caller;

    public Net(RpcCaller caller) {
        this.caller = caller;
    }

    /** The network id as the node spells it (a decimal string). */
    public Future<String> version() { return caller.call(EthCalls.netVersion()); }

    public Future<Boolean> listening() { return caller.call(EthCalls.netListening()); }

    public Future<Long> peerCount() { return caller.call(EthCalls.netPeerCount()); }
}
