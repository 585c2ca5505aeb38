package io.ethbus.eth;

import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;

/** The web3 namespace. */
public final class Web3 {
    private final RpcCaller caller;

    public Web3(RpcCaller caller) {
        this.caller = caller;
    }

    public Future<String> clientVersion() { return caller.call(EthCalls.clientVersion()); }

    /** Keccak-256 of {@code data}, computed by the node. */
    public Future<Hash> sha3(Bytes data) { return caller.call(EthCalls.sha3(data)); }
}
