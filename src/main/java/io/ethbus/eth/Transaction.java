package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonCursor;

import java.math.BigInteger;
import java.util.List;

/**
 * A transaction as a node returns it (eth_getTransactionByHash, full blocks). Covers every
 * type: 0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844 blob, 4 EIP-7702; fields a type does
 * not have are null (empty for lists). {@code blockHash}, {@code blockNumber} and
 * {@code transactionIndex} are null while the transaction is pending; {@code to} is null
 * for a contract creation.
 */
public record Transaction(
        Hash hash,
        BigInteger nonce,
        Hash blockHash,
        Long blockNumber,
        Long transactionIndex,
        Address from,
        Address to,
        BigInteger value,
        BigInteger gas,
        BigInteger gasPrice,
        BigInteger maxFeePerGas,
        BigInteger maxPriorityFeePerGas,
        BigInteger maxFeePerBlobGas,
        Bytes input,
        int type,
        BigInteger chainId,
        List<AccessListItem> accessList,
        List<Hash> blobVersionedHashes,
        List<Authorization> authorizationList,
        BigInteger v,
        BigInteger r,
        BigInteger s,
        Integer yParity,
        Long blockTimestamp) {
    /** Every member {@link #fromFields} reads. */
    private static final RecordMembers MEMBERS = RecordMembers.of("transaction",
            "hash", "nonce", "blockHash", "blockNumber", "transactionIndex", "from", "to", "value", "gas", "gasPrice",
            "maxFeePerGas", "maxPriorityFeePerGas", "maxFeePerBlobGas", "input", "type", "chainId", "accessList",
            "blobVersionedHashes", "authorizationList", "v", "r", "s", "yParity", "blockTimestamp");

    public Transaction {
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
        blobVersionedHashes = blobVersionedHashes == null ? List.of() : List.copyOf(blobVersionedHashes);
        authorizationList = authorizationList == null ? List.of() : List.copyOf(authorizationList);
    }

    /** Decodes a transaction object; a missing {@code type} means a legacy transaction (0). */
    public static Transaction fromJson(JsonNode node) {
        return fromFields(JsonFields.of(node, "transaction"));
    }

    /** Reads one transaction straight off {@code c}, as {@link #fromJson} reads its tree. */
    static Transaction read(JsonCursor c) {
        return fromFields(MEMBERS.read(c));
    }

    private static Transaction fromFields(JsonFields f) {
        Integer type = f.optInt("type");
        return new Transaction(
                f.hash("hash"),
                f.quantity("nonce"),
                f.optHash("blockHash"),
                f.optLong("blockNumber"),
                f.optLong("transactionIndex"),
                f.address("from"),
                f.optAddress("to"),
                f.quantity("value"),
                f.quantity("gas"),
                f.optQuantity("gasPrice"),
                f.optQuantity("maxFeePerGas"),
                f.optQuantity("maxPriorityFeePerGas"),
                f.optQuantity("maxFeePerBlobGas"),
                f.bytes("input"),
                type == null ? 0 : type,
                f.optQuantity("chainId"),
                f.optObjects("accessList", AccessListItem::fromJson),
                f.optList("blobVersionedHashes", Hash::of),
                f.optObjects("authorizationList", Authorization::fromJson),
                f.optQuantity("v"),
                f.optQuantity("r"),
                f.optQuantity("s"),
                f.optInt("yParity"),
                f.optLongQuantityOrNumber("blockTimestamp"));
    }

    /** True once the transaction is in a block. */
    public boolean isMined() {
        return blockHash != null;
    }
}
