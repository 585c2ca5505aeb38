package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The eth namespace: every method returns a Future of an ethbus type. Failures are typed
 * {@link io.ethbus.rpc.EthbusException}s naming the method and the endpoint.
 *
 * <pre>client.eth().getBalance(address, BlockId.LATEST).onSuccess(wei -&gt; ...)</pre>
 */
public final class Eth {
    private final RpcCaller caller;

    public Eth(RpcCaller caller) {
        this.caller = caller;
    }

    public Future<BigInteger> chainId() { return caller.call(EthCalls.chainId()); }

    public Future<Long> blockNumber() { return caller.call(EthCalls.blockNumber()); }

    public Future<SyncStatus> syncing() { return caller.call(EthCalls.syncing()); }

    public Future<BigInteger> gasPrice() { return caller.call(EthCalls.gasPrice()); }

    public Future<BigInteger> maxPriorityFeePerGas() { return caller.call(EthCalls.maxPriorityFeePerGas()); }

    public Future<BigInteger> blobBaseFee() { return caller.call(EthCalls.blobBaseFee()); }

    public Future<FeeHistory> feeHistory(long blockCount, BlockId newest, List<Double> rewardPercentiles) {
        return caller.call(EthCalls.feeHistory(blockCount, newest, rewardPercentiles));
    }

    public Future<BigInteger> getBalance(Address address, BlockId block) {
        return caller.call(EthCalls.getBalance(address, block));
    }

    public Future<Bytes> getCode(Address address, BlockId block) {
        return caller.call(EthCalls.getCode(address, block));
    }

    public Future<Bytes> getStorageAt(Address address, BigInteger slot, BlockId block) {
        return caller.call(EthCalls.getStorageAt(address, slot, block));
    }

    public Future<BigInteger> getTransactionCount(Address address, BlockId block) {
        return caller.call(EthCalls.getTransactionCount(address, block));
    }

    /** The account and the given storage slots at {@code block}, with their Merkle proofs (EIP-1186). */
    public Future<AccountProof> getProof(Address address, List<Hash> storageKeys, BlockId block) {
        return caller.call(EthCalls.getProof(address, storageKeys, block));
    }

    public Future<List<Address>> accounts() { return caller.call(EthCalls.accounts()); }

    public Future<Optional<Block>> getBlockByNumber(BlockId block, boolean fullTransactions) {
        return caller.call(EthCalls.getBlockByNumber(block, fullTransactions));
    }

    public Future<Optional<Block>> getBlockByHash(Hash hash, boolean fullTransactions) {
        return caller.call(EthCalls.getBlockByHash(hash, fullTransactions));
    }

    public Future<Optional<Long>> getBlockTransactionCountByNumber(BlockId block) {
        return caller.call(EthCalls.getBlockTransactionCountByNumber(block));
    }

    public Future<Optional<Long>> getBlockTransactionCountByHash(Hash hash) {
        return caller.call(EthCalls.getBlockTransactionCountByHash(hash));
    }

    public Future<Optional<Block>> getUncleByBlockHashAndIndex(Hash hash, long index) {
        return caller.call(EthCalls.getUncleByBlockHashAndIndex(hash, index));
    }

    public Future<Optional<Block>> getUncleByBlockNumberAndIndex(BlockId block, long index) {
        return caller.call(EthCalls.getUncleByBlockNumberAndIndex(block, index));
    }

    public Future<Optional<Long>> getUncleCountByBlockHash(Hash hash) {
        return caller.call(EthCalls.getUncleCountByBlockHash(hash));
    }

    public Future<Optional<Long>> getUncleCountByBlockNumber(BlockId block) {
        return caller.call(EthCalls.getUncleCountByBlockNumber(block));
    }

    public Future<Optional<List<Receipt>>> getBlockReceipts(BlockId block) {
        return caller.call(EthCalls.getBlockReceipts(block));
    }

    public Future<Optional<Transaction>> getTransactionByHash(Hash hash) {
        return caller.call(EthCalls.getTransactionByHash(hash));
    }

    public Future<Optional<Transaction>> getTransactionByBlockNumberAndIndex(BlockId block, long index) {
        return caller.call(EthCalls.getTransactionByBlockNumberAndIndex(block, index));
    }

    public Future<Optional<Transaction>> getTransactionByBlockHashAndIndex(Hash hash, long index) {
        return caller.call(EthCalls.getTransactionByBlockHashAndIndex(hash, index));
    }

    public Future<Optional<Receipt>> getTransactionReceipt(Hash hash) {
        return caller.call(EthCalls.getTransactionReceipt(hash));
    }

    public Future<Bytes> call(TransactionRequest tx, BlockId block) {
        return caller.call(EthCalls.call(tx, block));
    }

    /** eth_call with account changes (balance, nonce, code, storage) that hold for this call only. */
    public Future<Bytes> call(TransactionRequest tx, BlockId block, StateOverrides overrides) {
        return caller.call(EthCalls.call(tx, block, overrides));
    }

    public Future<BigInteger> estimateGas(TransactionRequest tx) {
        return caller.call(EthCalls.estimateGas(tx));
    }

    /** Gas estimated against the state at {@code block} instead of the latest. */
    public Future<BigInteger> estimateGas(TransactionRequest tx, BlockId block) {
        return caller.call(EthCalls.estimateGas(tx, block));
    }

    /** Simulates blocks of calls on top of {@code block}; see {@link EthCalls#simulateV1}. */
    public Future<List<SimulatedBlock>> simulateV1(JsonNode payload, BlockId block) {
        return caller.call(EthCalls.simulateV1(payload, block));
    }

    public Future<AccessListResult> createAccessList(TransactionRequest tx, BlockId block) {
        return caller.call(EthCalls.createAccessList(tx, block));
    }

    public Future<Hash> sendRawTransaction(Bytes signed) {
        return caller.call(EthCalls.sendRawTransaction(signed));
    }

    public Future<Hash> sendTransaction(TransactionRequest tx) {
        return caller.call(EthCalls.sendTransaction(tx));
    }

    /** Node-side signing of an EIP-191 personal message; the 65-byte signature. Never resent automatically. */
    public Future<Bytes> sign(Address address, Bytes data) {
        return caller.call(EthCalls.sign(address, data));
    }

    public Future<List<Log>> getLogs(LogFilter filter) {
        return caller.call(EthCalls.getLogs(filter));
    }

    public Future<FilterId> newFilter(LogFilter filter) { return caller.call(EthCalls.newFilter(filter)); }

    public Future<FilterId> newBlockFilter() { return caller.call(EthCalls.newBlockFilter()); }

    /** Its {@link FilterChanges#hashes()} are the transactions that entered the pool since the last poll. */
    public Future<FilterId> newPendingTransactionFilter() { return caller.call(EthCalls.newPendingTransactionFilter()); }

    public Future<FilterChanges> getFilterChanges(FilterId id) { return caller.call(EthCalls.getFilterChanges(id)); }

    public Future<List<Log>> getFilterLogs(FilterId id) { return caller.call(EthCalls.getFilterLogs(id)); }

    public Future<Boolean> uninstallFilter(FilterId id) { return caller.call(EthCalls.uninstallFilter(id)); }
}
