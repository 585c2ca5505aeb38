package io.ethbus.middleware;

import io.ethbus.eth.TransactionRequest;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Future;

import java.math.BigInteger;

/**
 * Fills a transaction's gas limit: the one given, else the node's eth_estimateGas. Blobs are left
 * out of the estimate: they pay blob gas, not gas, and sending megabytes to be estimated is waste.
 */
final class GasFiller {
    Future<BigInteger> fill(TransactionRequest tx, FillerCalls calls) {
        if (tx.gas() != null) {
            return Future.succeededFuture(tx.gas());
        }
        return calls.quantity(RpcMethod.ETH_ESTIMATE_GAS, tx.toBuilder().nonce(null).blobs(null).maxFeePerBlobGas(null).build().toJson());
    }
}
