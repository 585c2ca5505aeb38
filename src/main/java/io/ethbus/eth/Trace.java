package io.ethbus.eth;

import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;

import java.util.List;

/**
 * The parity-style trace namespace (erigon, reth, nethermind, anvil): flat traces, each placed
 * in its transaction's call tree by its {@code traceAddress}.
 *
 * <pre>client.trace().block(n).onSuccess(traces -&gt; ...)</pre>
 */
public final class Trace {
    private final RpcCaller caller;

    public Trace(RpcCaller caller) {
        this.caller = caller;
    }

    /** trace_block: the traces of every transaction of block {@code number}. */
    public Future<List<ParityTrace>> block(long number) {
        return caller.call(TraceCalls.block(BlockId.number(number)));
    }

    /** trace_transaction: the traces of one mined transaction, its own call first. */
    public Future<List<ParityTrace>> transaction(Hash transaction) {
        return caller.call(TraceCalls.transaction(transaction));
    }
}
