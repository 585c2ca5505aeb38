package io.ethbus.middleware;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;

import java.math.BigInteger;

/**
 * Chooses the gas price of a legacy transaction, asking the node through {@code next} as
 * needed. Used by {@link GasPriceStrategyMiddleware} in the client onion.
 *
 * <pre>GasPriceStrategy strategy = new FeeHistoryGasPriceStrategy(10, 50.0);</pre>
 */
@FunctionalInterface
public interface GasPriceStrategy {
    /**
     * @param transaction the transaction object about to be sent (read only), or null when
     *                    the price is wanted for no transaction in particular
     */
    Future<BigInteger> gasPrice(ObjectNode transaction, Middleware.Next next);
}
