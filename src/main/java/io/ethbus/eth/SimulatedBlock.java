package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One block of an eth_simulateV1 answer: the block as the node built it (header fields and
 * transaction hashes, read as any {@link Block}) and the outcome of each of its calls, in order.
 */
public record SimulatedBlock(Block block, List<SimulatedCall> calls) {
    public SimulatedBlock {
        calls = List.copyOf(calls);
    }

    /** Decodes an element of the eth_simulateV1 result array. */
    public static SimulatedBlock fromJson(JsonNode node) {
        Block block = Block.fromJson(node);
        return new SimulatedBlock(block, JsonFields.of(node, "simulatedBlock").objects("calls", SimulatedCall::fromJson));
    }
}
