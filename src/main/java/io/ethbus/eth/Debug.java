package io.ethbus.eth;

import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;

import java.util.List;

/**
 * The tracing methods of geth's debug namespace (geth, reth, erigon, anvil and others), each
 * with a {@link Tracer} that sets the type of its answer: {@link Tracer#CALL} for call frames,
 * {@link Tracer#PRESTATE} and {@link Tracer#PRESTATE_DIFF} for account states.
 *
 * <pre>client.debug().traceBlockByNumber(n, Tracer.CALL).onSuccess(traces -&gt; traces.forEach(t -&gt; ...))</pre>
 */
public final class Debug {
    private final RpcCaller caller;

    public Debug(RpcCaller caller) {
        this.caller = caller;
    }

    /** debug_traceTransaction: what {@code tracer} makes of one mined transaction. */
    public <T> Future<T> traceTransaction(Hash transaction, Tracer<T> tracer) {
        return caller.call(TraceCalls.traceTransaction(transaction, tracer));
    }

    /** debug_traceBlockByNumber: one trace per transaction of block {@code number}, in block order. */
    public <T> Future<List<TransactionTrace<T>>> traceBlockByNumber(long number, Tracer<T> tracer) {
        return caller.call(TraceCalls.traceBlock(BlockId.number(number), tracer));
    }

    /** debug_traceBlockByHash: one trace per transaction of the block {@code hash}, in block order. */
    public <T> Future<List<TransactionTrace<T>>> traceBlockByHash(Hash hash, Tracer<T> tracer) {
        return caller.call(TraceCalls.traceBlock(BlockId.hash(hash), tracer));
    }
}
