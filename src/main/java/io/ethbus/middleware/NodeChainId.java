package io.ethbus.middleware;

import io.ethbus.eth.EthCalls;
import io.vertx.core.Future;

import java.math.BigInteger;

/**
 * The chain id of the node below a layer: asked once with eth_chainId through the layers below
 * and remembered. Calls that arrive while the question is out share it; a failed look-up is not
 * remembered, so the next call asks again. Safe to use from any thread (client onions may be).
 */
final class NodeChainId {
    private final LayerCalls calls;
    private Future<BigInteger> known;

    /** Asking with {@code calls}, the ids of the layer that owns this. */
    NodeChainId(LayerCalls calls) {
        this.calls = calls;
    }

    /** The chain id, through {@code next} the first time (and again after a failure). */
    synchronized Future<BigInteger> get(Middleware.Next next) {
        // Checked as failed() rather than reset in onFailure: a call that fails at once would
        // otherwise hand back the failed future after the reset, or null.
        if (known == null || known.failed()) {
            known = calls.call(EthCalls.chainId(), next);
        }
        return known;
    }
}
