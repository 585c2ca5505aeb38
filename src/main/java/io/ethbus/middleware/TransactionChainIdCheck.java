package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.InvalidRequestException;
import io.ethbus.rpc.ParamKind;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.vertx.core.Future;

import java.math.BigInteger;

/**
 * Refuses a transaction meant for another chain: when a transaction param names a chainId, it
 * must be the node's, else {@link InvalidRequestException} before anything is sent. Requests
 * that name none pass without a look-up.
 */
final class TransactionChainIdCheck {
    private final NodeChainId nodeChainId;

    TransactionChainIdCheck(NodeChainId nodeChainId) {
        this.nodeChainId = nodeChainId;
    }

    /** {@code request} once its chainId is found to be the node's; a bad chainId field fails at once. */
    Future<RpcRequest> check(RpcRequest request, Middleware.Next next) {
        BigInteger wanted = wantedChain(request);
        if (wanted == null) {
            return Future.succeededFuture(request);
        }
        return nodeChainId.get(next).map(nodeChain -> {
            if (!nodeChain.equals(wanted)) {
                throw new InvalidRequestException(request.method(), null, "transaction chainId "
                        + Hex.quantity(wanted) + " is not the node's chain id " + Hex.quantity(nodeChain));
            }
            return request;
        });
    }

    /** The chainId the request's transaction names, or null; throws the hex error for a bad one. */
    static BigInteger wantedChain(RpcRequest request) {
        RpcMethod method = RpcMethod.find(request.method());
        if (method == null) {
            return null;
        }
        int at = method.params().indexOf(ParamKind.TRANSACTION);
        JsonNode tx = at < 0 ? null : request.params().get(at);
        JsonNode chain = tx == null ? null : tx.get("chainId");
        return chain == null || chain.isNull() ? null : Hex.toBigInteger(chain.asText());
    }
}
