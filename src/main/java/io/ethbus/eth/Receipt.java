package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonCursor;

import java.math.BigInteger;
import java.util.List;

/**
 * The receipt of a mined transaction. {@code status} (1 success, 0 failure) is null before
 * Byzantium, where {@code root} (the post-transaction state root) is set instead;
 * {@code contractAddress} is set only for a contract creation.
 */
public record Receipt(
        Hash transactionHash,
        long transactionIndex,
        Hash blockHash,
        long blockNumber,
        Address from,
        Address to,
        BigInteger cumulativeGasUsed,
        BigInteger gasUsed,
        BigInteger effectiveGasPrice,
        Address contractAddress,
        List<Log> logs,
        Bytes logsBloom,
        int type,
        Integer status,
        Hash root,
        BigInteger blobGasUsed,
        BigInteger blobGasPrice,
        Long blockTimestamp) {
    /** Every member {@link #fromFields} reads. */
    private static final RecordMembers MEMBERS = RecordMembers.of("receipt",
            "transactionHash", "transactionIndex", "blockHash", "blockNumber", "from", "to", "cumulativeGasUsed",
            "gasUsed", "effectiveGasPrice", "contractAddress", "logs", "logsBloom", "type", "status", "root",
            "blobGasUsed", "blobGasPrice", "blockTimestamp");

    public Receipt {
        logs = logs == null ? List.of() : List.copyOf(logs);
    }

    /** Decodes a receipt object; a missing {@code type} means a legacy transaction (0). */
    public static Receipt fromJson(JsonNode node) {
        return fromFields(JsonFields.of(node, "receipt"));
    }

    /** Reads one receipt straight off {@code c}, as {@link #fromJson} reads its tree. */
    static Receipt read(JsonCursor c) {
        return fromFields(MEMBERS.read(c));
    }

    private static Receipt fromFields(JsonFields f) {
        Integer type = f.optInt("type");
        return new Receipt(
                f.hash("transactionHash"),
                f.longQuantity("transactionIndex"),
                f.hash("blockHash"),
                f.longQuantity("blockNumber"),
                f.address("from"),
                f.optAddress("to"),
                f.quantity("cumulativeGasUsed"),
                f.quantity("gasUsed"),
                f.optQuantity("effectiveGasPrice"),
                f.optAddress("contractAddress"),
                f.objects("logs", Log::fromJson),
                f.bytes("logsBloom"),
                type == null ? 0 : type,
                f.optInt("status"),
                f.optHash("root"),
                f.optQuantity("blobGasUsed"),
                f.optQuantity("blobGasPrice"),
                f.optLongQuantityOrNumber("blockTimestamp"));
    }

    /** True when the transaction executed successfully (status 1); false when it reverted or the status is unknown. */
    public boolean succeeded() {
        return status != null && status == 1;
    }
}
