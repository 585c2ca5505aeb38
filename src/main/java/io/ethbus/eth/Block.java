package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.MalformedResponseException;

import java.math.BigInteger;
import java.util.List;

/**
 * A block header and body as a node returns it (eth_getBlockByNumber / ByHash).
 * {@code number}, {@code hash} and {@code nonce} are null for a pending block. Fields added
 * by later forks (base fee, withdrawals, blob gas, beacon root, requests hash) are null
 * before that fork. {@code transactions} holds full objects when they were asked for, and
 * {@code transactionHashes} is then derived from them; otherwise {@code transactions} is
 * empty. {@code proofOfAuthorityData} is set only when a PoA layer moved the oversized
 * {@code extraData} of a clique chain there.
 */
public record Block(
        Long number,
        Hash hash,
        Hash parentHash,
        Bytes nonce,
        Hash sha3Uncles,
        Bytes logsBloom,
        Hash transactionsRoot,
        Hash stateRoot,
        Hash receiptsRoot,
        Address miner,
        BigInteger difficulty,
        BigInteger totalDifficulty,
        Bytes extraData,
        Long size,
        BigInteger gasLimit,
        BigInteger gasUsed,
        long timestamp,
        Hash mixHash,
        BigInteger baseFeePerGas,
        Hash withdrawalsRoot,
        List<Withdrawal> withdrawals,
        BigInteger blobGasUsed,
        BigInteger excessBlobGas,
        Hash parentBeaconBlockRoot,
        Hash requestsHash,
        List<Hash> uncles,
        List<Hash> transactionHashes,
        List<Transaction> transactions,
        Bytes proofOfAuthorityData) {

    public Block {
        withdrawals = withdrawals == null ? List.of() : List.copyOf(withdrawals);
        uncles = uncles == null ? List.of() : List.copyOf(uncles);
        transactionHashes = transactionHashes == null ? List.of() : List.copyOf(transactionHashes);
        transactions = transactions == null ? List.of() : List.copyOf(transactions);
    }

    /** Decodes a block object, with transaction hashes or full transactions. */
    public static Block fromJson(JsonNode node) {
        return fromJson(node, null);
    }

    /**
     * Decodes a block whose full transactions were already read (by the streaming reader),
     * or, when {@code fullTransactions} is null, whose {@code transactions} are in {@code node}.
     */
    static Block fromJson(JsonNode node, List<Transaction> fullTransactions) {
        JsonFields f = JsonFields.of(node, "block");
        List<Transaction> transactions = List.of();
        List<Hash> transactionHashes = List.of();
        JsonNode txs = f.optional("transactions");
        if (fullTransactions != null) {
            transactions = fullTransactions;
            transactionHashes = transactions.stream().map(Transaction::hash).toList();
        } else if (txs != null && txs.isArray() && txs.size() > 0 && txs.get(0).isObject()) {
            transactions = f.objects("transactions", Transaction::fromJson);
            transactionHashes = transactions.stream().map(Transaction::hash).toList();
        } else if (txs != null) {
            transactionHashes = f.list("transactions", Hash::of);
        }
        Bytes proofOfAuthorityData = f.optBytes("proofOfAuthorityData");
        if (proofOfAuthorityData == null && !f.has("extraData")) {
            throw new MalformedResponseException(null, null, "block has no 'extraData'");
        }
        return new Block(
                f.optLong("number"),
                f.optHash("hash"),
                f.hash("parentHash"),
                f.optBytes("nonce"),
                f.hash("sha3Uncles"),
                f.optBytes("logsBloom"),
                f.hash("transactionsRoot"),
                f.hash("stateRoot"),
                f.hash("receiptsRoot"),
                f.optAddress("miner"),
                f.optQuantity("difficulty"),
                f.optQuantity("totalDifficulty"),
                f.optBytes("extraData"),
                f.optLong("size"),
                f.quantity("gasLimit"),
                f.quantity("gasUsed"),
                f.longQuantity("timestamp"),
                f.optHash("mixHash"),
                f.optQuantity("baseFeePerGas"),
                f.optHash("withdrawalsRoot"),
                f.optObjects("withdrawals", Withdrawal::fromJson),
                f.optQuantity("blobGasUsed"),
                f.optQuantity("excessBlobGas"),
                f.optHash("parentBeaconBlockRoot"),
                f.optHash("requestsHash"),
                f.optList("uncles", Hash::of),
                transactionHashes,
                transactions,
                proofOfAuthorityData);
    }

    /** True when the block carries full transaction objects rather than only their hashes. */
    public boolean hasFullTransactions() {
        return !transactions.isEmpty();
    }

    /** True for a pending block, which has no number or hash yet. */
    public boolean isPending() {
        return hash == null;
    }
}
