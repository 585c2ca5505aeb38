package io.ethbus.middleware;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.eth.EthCalls;
import io.vertx.core.Future;

import java.math.BigInteger;

/** The gas price the node suggests (eth_gasPrice). */
public final class NodeGasPriceStrategy implements GasPriceStrategy {
    private final LayerCalls calls = new LayerCalls(LayerCalls.GAS_PRICE);

    @Override
    public Future<BigInteger> gasPrice(ObjectNode transaction, Middleware.Next next) {
        return calls.call(EthCalls.gasPrice(), next);
    }
}
