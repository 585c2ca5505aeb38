package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonCursor;

import java.util.ArrayList;
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
    /** Every member {@link #fromFields} reads. */
    private static final RecordMembers MEMBERS = RecordMembers.of("log",
            "address", "topics", "data", "blockNumber", "blockHash", "transactionHash", "transactionIndex",
            "logIndex", "removed", "blockTimestamp");

    public Log {
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    /** Decodes a log object, as found in receipts, eth_getLogs and log subscriptions. */
    public static Log fromJson(JsonNode node) {
        return fromFields(JsonFields.of(node, "log"));
    }

    /** Reads one log straight off {@code c}, as {@link #fromJson} reads its tree. */
    static Log read(JsonCursor c) {
        return fromFields(MEMBERS.read(c));
    }

    private static Log fromFields(JsonFields f) {
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

    /**
     * This log with each value that equals {@code previous}'s (contract, event topic, block,
     * transaction) held as {@code previous}'s instance. Consecutive logs of one answer mostly
     * share those; sharing them keeps a list of logs at about half the heap. Equal to this log.
     */
    Log sharingValuesOf(Log previous) {
        List<Hash> shared = topics;
        int common = Math.min(topics.size(), previous.topics.size());
        for (int i = 0; i < common; i++) {
            if (topics.get(i) != previous.topics.get(i) && topics.get(i).equals(previous.topics.get(i))) {
                if (shared == topics) {
                    shared = new ArrayList<>(topics);
                }
                shared.set(i, previous.topics.get(i));
            }
        }
        return new Log(same(address, previous.address), shared, data, same(blockNumber, previous.blockNumber),
                same(blockHash, previous.blockHash), same(transactionHash, previous.transactionHash),
                same(transactionIndex, previous.transactionIndex), logIndex, removed,
                same(blockTimestamp, previous.blockTimestamp));
    }

    private static <T> T same(T mine, T previous) {
        return mine != null && mine.equals(previous) ? previous : mine;
    }

    /**
     * Where this log sits, for messages: {@code block 12 (0xab..), transaction 0xcd.. (index 0),
     * log index 3}; the parts a pending log lacks are left out.
     */
    public String position() {
        StringBuilder sb = new StringBuilder();
        if (blockNumber != null) {
            sb.append("block ").append(blockNumber);
            if (blockHash != null) {
                sb.append(" (").append(blockHash.toHex()).append(')');
            }
        }
        if (transactionHash != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("transaction ").append(transactionHash.toHex());
            if (transactionIndex != null) {
                sb.append(" (index ").append(transactionIndex).append(')');
            }
        }
        if (logIndex != null) {
            sb.append(sb.isEmpty() ? "" : ", ").append("log index ").append(logIndex);
        }
        return sb.isEmpty() ? "a pending log" : sb.toString();
    }

    /** This log as a reorg takes it back: the same fields with {@code removed} true. */
    public Log asRemoved() {
        return new Log(address, topics, data, blockNumber, blockHash, transactionHash, transactionIndex, logIndex,
                true, blockTimestamp);
    }
}
