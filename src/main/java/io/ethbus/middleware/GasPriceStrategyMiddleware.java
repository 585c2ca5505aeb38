package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

import java.util.Objects;

/**
 * Fills the gas price of legacy transactions from a {@link GasPriceStrategy}: an
 * eth_sendTransaction whose object has no gasPrice, no EIP-1559 fee fields and no type
 * other than 0x0 gets {@code gasPrice} set. Every other request passes unchanged. A layer
 * of the client onion.
 */
public final class GasPriceStrategyMiddleware implements Middleware {
    private final GasPriceStrategy strategy;

    public GasPriceStrategyMiddleware(GasPriceStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        if (!request.method().equals(RpcMethod.ETH_SEND_TRANSACTION.wireName()) || !(request.params().get(0) instanceof ObjectNode tx)
                || !isUnpricedLegacy(tx)) {
            return next.handle(request);
        }
        return strategy.gasPrice(tx.deepCopy(), next).compose(price -> {
            ArrayNode params = request.params().deepCopy();
            ((ObjectNode) params.get(0)).put("gasPrice", Hex.quantity(price));
            return next.handle(request.withParams(params));
        });
    }

    private static boolean isUnpricedLegacy(ObjectNode tx) {
        if (isSet(tx, "gasPrice") || isSet(tx, "maxFeePerGas") || isSet(tx, "maxPriorityFeePerGas")) {
            return false;
        }
        JsonNode type = tx.get("type");
        return type == null || type.isNull() || (type.isTextual() && Hex.toBigInteger(type.asText()).signum() == 0);
    }

    private static boolean isSet(ObjectNode tx, String field) {
        return tx.hasNonNull(field);
    }
}
