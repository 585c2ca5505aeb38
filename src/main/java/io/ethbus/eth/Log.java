package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An event log emitted by a contract. The block and transaction fields are null for a
 * pending log; {@code removed} is true when a reorganisation dropped the log;
 * {@code blockTimestamp} is null when the node does not send it.
 */
public record Log(
        Address address,
        List<Hash> topics,
        Bytes data,
        Long blockNumber,
        Hash blockHash,
        Hash transactionHash,
        Long transactionIndex,
        Long logIndex,
        boolean removed,
        Long blockTimestamp) {

    public Log {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** Decodes a log object, as found in receipts, eth_getLogs and log subscriptions. */
    public static Log fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "log");
        return new Log(
                f.address("address"),
                f.list("topics", Hash::of),
                f.bytes("data"),
                f.optLong("blockNumber"),
                f.optHash("blockHash"),
                f.optHash("transactionHash"),
                f.optLong("transactionIndex"),
                f.optLong("logIndex"),
                f.bool("removed", false),
                f.optLongQuantityOrNumber("blockTimestamp"));
    }

    /** This log as a reorg takes it back: the same fields with {@code removed} true. */
    public Log asRemoved() {
        return new Log(address, topics, data, blockNumber, blockHash, transactionHash, transactionIndex, logIndex,
                true, blockTimestamp);
    }
}
