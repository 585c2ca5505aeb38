package io.ethbus.eth;

import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;

/**
 * The txpool namespace (geth, anvil, reth and others): what the node holds that is not mined
 * yet. Every answer is a snapshot at the moment the node answered.
 *
 * <pre>client.txpool().status().onSuccess(s -&gt; System.out.println(s.pending() + " pending"))</pre>
 */
public final class Txpool {
    private final RpcCaller caller;

    public Txpool(RpcCaller caller) {
        this.caller = caller;
    }

    /** How many transactions are pending and queued. */
    public Future<TxpoolStatus> status() { return caller.call(EthCalls.txpoolStatus()); }

    /** Every pooled transaction, by sender and nonce. Can be large on a busy public node. */
    public Future<TxpoolContent> content() { return caller.call(EthCalls.txpoolContent()); }

    /** The node's one-line summary of every pooled transaction, by sender and nonce. */
    public Future<TxpoolInspect> inspect() { return caller.call(EthCalls.txpoolInspect()); }
}
