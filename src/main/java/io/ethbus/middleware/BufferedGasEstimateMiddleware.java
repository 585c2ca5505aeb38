package io.ethbus.middleware;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.eth.Block;
import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCall;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

import java.math.BigInteger;

/**
 * Fills the gas limit of an eth_sendTransaction that has none: the node's estimate plus
 * 100,000, but never above the latest block's gas limit (web3.py's buffered gas estimate).
 * The buffer covers state that changes between estimate and inclusion. A layer of the
 * client onion.
 */
public final class BufferedGasEstimateMiddleware implements Middleware {
    /** Gas added to the estimate. */
    public static final BigInteger BUFFER = BigInteger.valueOf(100_000);

    private final LayerCalls calls = new LayerCalls(LayerCalls.GAS_ESTIMATE);

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        if (!request.method().equals(RpcMethod.ETH_SEND_TRANSACTION.wireName()) || !(request.params().get(0) instanceof ObjectNode tx)
                || tx.hasNonNull("gas")) {
            return next.handle(request);
        }
        Future<BigInteger> estimate = calls.call(
                new RpcCall<>(RpcMethod.ETH_ESTIMATE_GAS.wireName(), JsonRpcCodec.params(tx.deepCopy()), r -> Hex.toBigInteger(r.asText())), next);
        Future<BigInteger> blockLimit = calls.call(EthCalls.getBlockByNumber(BlockId.LATEST, false), next)
                .map(block -> block.map(Block::gasLimit).orElse(null));
        return Future.all(estimate, blockLimit).compose(both -> {
            BigInteger gas = estimate.result().add(BUFFER);
            BigInteger limit = blockLimit.result();
            if (limit != null && gas.compareTo(limit) > 0) {
                gas = limit;
            }
            ArrayNode params = request.params().deepCopy();
            ((ObjectNode) params.get(0)).put("gas", Hex.quantity(gas));
            return next.handle(request.withParams(params));
        });
    }
}
