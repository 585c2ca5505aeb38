package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Future;

import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * The calls the fillers of one transaction make, sent below the signing layer through its
 * {@code next} under the layer's own ids; an error answer fails typed.
 */
final class FillerCalls {
    private final LayerCalls calls;
    private final Middleware.Next next;

    FillerCalls(LayerCalls calls, Middleware.Next next) {
        this.calls = calls;
        this.next = next;
    }

    /** The layers below, for a call of one's own (the send itself, a shared look-up). */
    Middleware.Next next() {
        return next;
    }

    Future<JsonNode> json(RpcMethod method, Object... params) {
        return calls.raw(method.wireName(), JsonRpcCodec.params(params), next);
    }

    Future<BigInteger> quantity(RpcMethod method, Object... params) {
        return json(method, params).map(result -> Hex.toBigInteger(result.asText()));
    }

    /** The count of {@code address}'s transactions, pending ones included: its next nonce, asked when needed. */
    Supplier<Future<BigInteger>> pendingCount(Address address) {
        return () -> quantity(RpcMethod.ETH_GET_TRANSACTION_COUNT, address.toHex(), "pending");
    }
}
