package io.ethbus.middleware;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.eth.FeeHistory;
import io.vertx.core.Future;

import java.math.BigInteger;
import java.util.List;

/**
 * A gas price from recent blocks: the next block's base fee plus the mean priority fee paid
 * at {@code percentile} over the last {@code blocks} blocks (eth_feeHistory).
 */
public final class FeeHistoryGasPriceStrategy implements GasPriceStrategy {
    private final int blocks;
    private final double percentile;
    private final LayerCalls calls = new LayerCalls(LayerCalls.GAS_PRICE);

    public FeeHistoryGasPriceStrategy(int blocks, double percentile) {
        if (blocks < 1 || blocks > 1024) {
            throw new IllegalArgumentException("blocks must be between 1 and 1024, got " + blocks);
        }
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be between 0 and 100, got " + percentile);
        }
        this.blocks = blocks;
        this.percentile = percentile;
    }

    @Override
    public Future<BigInteger> gasPrice(ObjectNode transaction, Middleware.Next next) {
        return calls.call(EthCalls.feeHistory(blocks, BlockId.LATEST, List.of(percentile)), next)
                .map(FeeHistoryGasPriceStrategy::price);
    }

    /** Next base fee plus mean reward; the base fee list ends with the block after the newest. */
    static BigInteger price(FeeHistory history) {
        List<BigInteger> baseFees = history.baseFeePerGas();
        BigInteger baseFee = baseFees.isEmpty() ? BigInteger.ZERO : baseFees.get(baseFees.size() - 1);
        List<BigInteger> rewards = history.reward().stream().filter(r -> !r.isEmpty()).map(r -> r.get(0)).toList();
        BigInteger tip = rewards.isEmpty() ? BigInteger.ZERO
                : rewards.stream().reduce(BigInteger.ZERO, BigInteger::add).divide(BigInteger.valueOf(rewards.size()));
        return baseFee.add(tip);
    }
}
