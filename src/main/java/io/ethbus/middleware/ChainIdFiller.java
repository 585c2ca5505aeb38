package io.ethbus.middleware;

import io.ethbus.eth.TransactionRequest;
import io.vertx.core.Future;

import java.math.BigInteger;

/** Fills a transaction's chain id: the one given, else the node's (asked once and remembered). */
final class ChainIdFiller {
    private final NodeChainId nodeChainId;

    ChainIdFiller(NodeChainId nodeChainId) {
        this.nodeChainId = nodeChainId;
    }

    Future<BigInteger> fill(TransactionRequest tx, FillerCalls calls) {
        if (tx.chainId() != null) {
            return Future.succeededFuture(tx.chainId());
        }
        return nodeChainId.get(calls.next());
    }
}
