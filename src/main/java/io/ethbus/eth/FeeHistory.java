package io.ethbus.eth;

import io.ethbus.primitives.Hex;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.List;

/**
 * The answer to eth_feeHistory. {@code baseFeePerGas} has one entry more than the range (the
 * next block's base fee); {@code reward} holds, per block, one priority fee per requested
 * percentile and is empty when no percentiles were asked for. The blob lists are empty
 * before Cancun.
 */
public record FeeHistory(
        long oldestBlock,
        List<BigInteger> baseFeePerGas,
        List<Double> gasUsedRatio,
        List<List<BigInteger>> reward,
        List<BigInteger> baseFeePerBlobGas,
        List<Double> blobGasUsedRatio) {

    public FeeHistory {
        baseFeePerGas = baseFeePerGas == null ? List.of() : List.copyOf(baseFeePerGas);
        gasUsedRatio = gasUsedRatio == null ? List.of() : List.copyOf(gasUsedRatio);
        reward = reward == null ? List.of() : reward.stream().map(List::copyOf).toList();
        baseFeePerBlobGas = baseFeePerBlobGas == null ? List.of() : List.copyOf(baseFeePerBlobGas);
        blobGasUsedRatio = blobGasUsedRatio == null ? List.of() : List.copyOf(blobGasUsedRatio);
    }

    /** Decodes the eth_feeHistory result object. */
    public static FeeHistory fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "feeHistory");
        JsonNode reward = f.optional("reward");
        return new FeeHistory(
                f.longQuantity("oldestBlock"),
                f.list("baseFeePerGas", Hex::toBigInteger),
                f.doubles("gasUsedRatio", true),
                reward == null ? List.of() : JsonFields.array(reward, f.path("reward"),
                        (perBlock, path) -> JsonFields.array(perBlock, path,
                                (fee, feePath) -> JsonFields.parse(fee, feePath, Hex::toBigInteger))),
                f.optList("baseFeePerBlobGas", Hex::toBigInteger),
                f.doubles("blobGasUsedRatio", false));
    }
}
