package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ethbus.rpc.RpcCall;

import io.ethbus.rpc.RpcMethod;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static io.ethbus.rpc.JsonRpcCodec.params;

/**
 * The typed description of every supported method of the eth, net, web3 and txpool namespaces:
 * params encoded for the wire, results decoded to ethbus types. {@link Eth}, {@link Net},
 * {@link Web3} and {@link Txpool} run them one at a time; a {@link io.ethbus.rpc.Batch} runs them together.
 *
 * <pre>batch.add(EthCalls.getBalance(address, BlockId.LATEST))</pre>
 */
public final class EthCalls {
    private EthCalls() {
    }

    // web3_ and net_

    public static RpcCall<String> clientVersion() {
        return describe(RpcMethod.WEB3_CLIENT_VERSION, params(), ResultDecoders::text);
    }

    public static RpcCall<Hash> sha3(Bytes data) {
        return describe(RpcMethod.WEB3_SHA3, params(data.toHex()), ResultDecoders::hash);
    }

    public static RpcCall<String> netVersion() {
        return describe(RpcMethod.NET_VERSION, params(), ResultDecoders::text);
    }

    public static RpcCall<Boolean> netListening() {
        return describe(RpcMethod.NET_LISTENING, params(), ResultDecoders::bool);
    }

    public static RpcCall<Long> netPeerCount() {
        return describe(RpcMethod.NET_PEER_COUNT, params(), ResultDecoders::longQuantity);
    }

    // chain state

    public static RpcCall<BigInteger> chainId() {
        return describe(RpcMethod.ETH_CHAIN_ID, params(), ResultDecoders::quantity);
    }

    public static RpcCall<Long> blockNumber() {
        return describe(RpcMethod.ETH_BLOCK_NUMBER, params(), ResultDecoders::longQuantity);
    }

    public static RpcCall<SyncStatus> syncing() {
        return describe(RpcMethod.ETH_SYNCING, params(), SyncStatus::fromJson);
    }

    public static RpcCall<BigInteger> gasPrice() {
        return describe(RpcMethod.ETH_GAS_PRICE, params(), ResultDecoders::quantity);
    }

    public static RpcCall<BigInteger> maxPriorityFeePerGas() {
        return describe(RpcMethod.ETH_MAX_PRIORITY_FEE_PER_GAS, params(), ResultDecoders::quantity);
    }

    /** The blob base fee (EIP-4844) of the next block, in wei. */
    public static RpcCall<BigInteger> blobBaseFee() {
        return describe(RpcMethod.ETH_BLOB_BASE_FEE, params(), ResultDecoders::quantity);
    }

    /** Fee history of {@code blockCount} blocks up to {@code newest}, with rewards at the given percentiles (may be empty). */
    public static RpcCall<FeeHistory> feeHistory(long blockCount, BlockId newest, List<Double> rewardPercentiles) {
        ArrayNode percentiles = JsonNodeFactory.instance.arrayNode();
        rewardPercentiles.forEach(percentiles::add);
        return describe(RpcMethod.ETH_FEE_HISTORY, params(Hex.quantity(blockCount), newest.toBlockParam(), percentiles),
                FeeHistory::fromJson);
    }

    // accounts: an Address was checked when it was made, so it goes out in lowercase, which
    // nodes and the node onion's validation take without a Keccak (the checksum form costs one
    // here and one more to verify it on the other side of the bus)

    public static RpcCall<BigInteger> getBalance(Address address, BlockId block) {
        return describe(RpcMethod.ETH_GET_BALANCE, params(address.toHex(), block.toParam()), ResultDecoders::quantity);
    }

    public static RpcCall<Bytes> getCode(Address address, BlockId block) {
        return describe(RpcMethod.ETH_GET_CODE, params(address.toHex(), block.toParam()), ResultDecoders::bytes);
    }

    public static RpcCall<Bytes> getStorageAt(Address address, BigInteger slot, BlockId block) {
        return describe(RpcMethod.ETH_GET_STORAGE_AT, params(address.toHex(), Hex.quantity(slot), block.toParam()),
                ResultDecoders::bytes);
    }

    public static RpcCall<BigInteger> getTransactionCount(Address address, BlockId block) {
        return describe(RpcMethod.ETH_GET_TRANSACTION_COUNT, params(address.toHex(), block.toParam()),
                ResultDecoders::quantity);
    }

    /** The account and the given storage slots at {@code block}, with their Merkle proofs (EIP-1186). */
    public static RpcCall<AccountProof> getProof(Address address, List<Hash> storageKeys, BlockId block) {
        ArrayNode keys = JsonNodeFactory.instance.arrayNode();
        storageKeys.forEach(key -> keys.add(key.toHex()));
        return describe(RpcMethod.ETH_GET_PROOF, params(address.toHex(), keys, block.toParam()), AccountProof::fromJson);
    }

    public static RpcCall<List<Address>> accounts() {
        return describe(RpcMethod.ETH_ACCOUNTS, params(), ResultDecoders.list(n -> Address.ofAnyCase(ResultDecoders.text(n))));
    }

    // blocks

    /** The block, or empty when the node does not know it. {@code full}: full transaction objects instead of hashes. */
    public static RpcCall<Optional<Block>> getBlockByNumber(BlockId block, boolean full) {
        return new RpcCall<>(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), params(block.toBlockParam(), full),
                ResultDecoders.optional(Block::fromJson), ResultReaders.optional(ResultReaders::block));
    }

    public static RpcCall<Optional<Block>> getBlockByHash(Hash hash, boolean full) {
        return new RpcCall<>(RpcMethod.ETH_GET_BLOCK_BY_HASH.wireName(), params(hash.toHex(), full),
                ResultDecoders.optional(Block::fromJson), ResultReaders.optional(ResultReaders::block));
    }

    public static RpcCall<Optional<Long>> getBlockTransactionCountByNumber(BlockId block) {
        return describe(RpcMethod.ETH_GET_BLOCK_TRANSACTION_COUNT_BY_NUMBER, params(block.toBlockParam()),
                ResultDecoders.optional(ResultDecoders::longQuantity));
    }

    public static RpcCall<Optional<Long>> getBlockTransactionCountByHash(Hash hash) {
        return describe(RpcMethod.ETH_GET_BLOCK_TRANSACTION_COUNT_BY_HASH, params(hash.toHex()),
                ResultDecoders.optional(ResultDecoders::longQuantity));
    }

    // uncles: blocks of proof-of-work chains; none since the merge

    /** The uncle's header, or empty when the block or the index is unknown. */
    public static RpcCall<Optional<Block>> getUncleByBlockHashAndIndex(Hash hash, long index) {
        return describe(RpcMethod.ETH_GET_UNCLE_BY_BLOCK_HASH_AND_INDEX, params(hash.toHex(), Hex.quantity(index)),
                ResultDecoders.optional(Block::fromJson));
    }

    public static RpcCall<Optional<Block>> getUncleByBlockNumberAndIndex(BlockId block, long index) {
        return describe(RpcMethod.ETH_GET_UNCLE_BY_BLOCK_NUMBER_AND_INDEX, params(block.toBlockParam(), Hex.quantity(index)),
                ResultDecoders.optional(Block::fromJson));
    }

    /** The number of uncles, or empty when the node does not know the block. */
    public static RpcCall<Optional<Long>> getUncleCountByBlockHash(Hash hash) {
        return describe(RpcMethod.ETH_GET_UNCLE_COUNT_BY_BLOCK_HASH, params(hash.toHex()),
                ResultDecoders.optional(ResultDecoders::longQuantity));
    }

    public static RpcCall<Optional<Long>> getUncleCountByBlockNumber(BlockId block) {
        return describe(RpcMethod.ETH_GET_UNCLE_COUNT_BY_BLOCK_NUMBER, params(block.toBlockParam()),
                ResultDecoders.optional(ResultDecoders::longQuantity));
    }

    /** Every receipt of one block in one call, or empty when the node does not know the block. */
    public static RpcCall<Optional<List<Receipt>>> getBlockReceipts(BlockId block) {
        return new RpcCall<>(RpcMethod.ETH_GET_BLOCK_RECEIPTS.wireName(), params(block.toParam()),
                ResultDecoders.optional(ResultDecoders.list(Receipt::fromJson)),
                ResultReaders.optional(ResultReaders.list(Receipt::read)));
    }

    // transactions

    public static RpcCall<Optional<Transaction>> getTransactionByHash(Hash hash) {
        return describe(RpcMethod.ETH_GET_TRANSACTION_BY_HASH, params(hash.toHex()), ResultDecoders.optional(Transaction::fromJson));
    }

    public static RpcCall<Optional<Transaction>> getTransactionByBlockNumberAndIndex(BlockId block, long index) {
        return describe(RpcMethod.ETH_GET_TRANSACTION_BY_BLOCK_NUMBER_AND_INDEX, params(block.toBlockParam(), Hex.quantity(index)),
                ResultDecoders.optional(Transaction::fromJson));
    }

    public static RpcCall<Optional<Transaction>> getTransactionByBlockHashAndIndex(Hash hash, long index) {
        return describe(RpcMethod.ETH_GET_TRANSACTION_BY_BLOCK_HASH_AND_INDEX, params(hash.toHex(), Hex.quantity(index)),
                ResultDecoders.optional(Transaction::fromJson));
    }

    /** The receipt, or empty while the transaction is pending or unknown. */
    public static RpcCall<Optional<Receipt>> getTransactionReceipt(Hash hash) {
        return describe(RpcMethod.ETH_GET_TRANSACTION_RECEIPT, params(hash.toHex()), ResultDecoders.optional(Receipt::fromJson));
    }

    public static RpcCall<Bytes> call(TransactionRequest tx, BlockId block) {
        return describe(RpcMethod.ETH_CALL, params(tx.toJson(), block.toParam()), ResultDecoders::bytes);
    }

    /** eth_call with account changes that hold for this call only; none is the two-parameter call. */
    public static RpcCall<Bytes> call(TransactionRequest tx, BlockId block, StateOverrides overrides) {
        if (overrides.isEmpty()) {
            return call(tx, block);
        }
        return describe(RpcMethod.ETH_CALL, params(tx.toJson(), block.toParam(), overrides.toJson()), ResultDecoders::bytes);
    }

    public static RpcCall<BigInteger> estimateGas(TransactionRequest tx) {
        return describe(RpcMethod.ETH_ESTIMATE_GAS, params(tx.toJson()), ResultDecoders::quantity);
    }

    public static RpcCall<BigInteger> estimateGas(TransactionRequest tx, BlockId block) {
        return describe(RpcMethod.ETH_ESTIMATE_GAS, params(tx.toJson(), block.toParam()), ResultDecoders::quantity);
    }

    public static RpcCall<AccessListResult> createAccessList(TransactionRequest tx, BlockId block) {
        return describe(RpcMethod.ETH_CREATE_ACCESS_LIST, params(tx.toJson(), block.toParam()), AccessListResult::fromJson);
    }

    /** Sends a signed transaction; the result is its hash. Never resent automatically. */
    public static RpcCall<Hash> sendRawTransaction(Bytes signed) {
        return describe(RpcMethod.ETH_SEND_RAW_TRANSACTION, params(signed.toHex()), ResultDecoders::hash);
    }

    /** Asks the node to sign with an account it holds and send; the result is the hash. Never resent automatically. */
    public static RpcCall<Hash> sendTransaction(TransactionRequest tx) {
        return describe(RpcMethod.ETH_SEND_TRANSACTION, params(tx.toJson()), ResultDecoders::hash);
    }

    /**
     * Asks the node to sign {@code data} as an EIP-191 personal message with an account it holds;
     * the result is the 65-byte signature (r, s, v). Never resent automatically.
     */
    public static RpcCall<Bytes> sign(Address address, Bytes data) {
        return describe(RpcMethod.ETH_SIGN, params(address.toHex(), data.toHex()), ResultDecoders::bytes);
    }

    /**
     * Simulates blocks of calls on top of {@code block} (eth_simulateV1): {@code payload} is the
     * method's first parameter as the node reads it ({@code blockStateCalls} with their calls,
     * state and block overrides, {@code validation}, {@code traceTransfers}).
     */
    public static RpcCall<List<SimulatedBlock>> simulateV1(JsonNode payload, BlockId block) {
        return describe(RpcMethod.ETH_SIMULATE_V1, params(payload, block.toParam()), ResultDecoders.list(SimulatedBlock::fromJson));
    }

    // logs and filters

    public static RpcCall<List<Log>> getLogs(LogFilter filter) {
        return new RpcCall<>(RpcMethod.ETH_GET_LOGS.wireName(), params(filter.toJson()), ResultDecoders.list(Log::fromJson),
                ResultReaders.logs());
    }

    public static RpcCall<FilterId> newFilter(LogFilter filter) {
        return describe(RpcMethod.ETH_NEW_FILTER, params(filter.toJson()), n -> new FilterId(ResultDecoders.text(n)));
    }

    public static RpcCall<FilterId> newBlockFilter() {
        return describe(RpcMethod.ETH_NEW_BLOCK_FILTER, params(), n -> new FilterId(ResultDecoders.text(n)));
    }

    /** A filter whose changes are the hashes of transactions that entered the pool since the last poll. */
    public static RpcCall<FilterId> newPendingTransactionFilter() {
        return describe(RpcMethod.ETH_NEW_PENDING_TRANSACTION_FILTER, params(), n -> new FilterId(ResultDecoders.text(n)));
    }

    public static RpcCall<FilterChanges> getFilterChanges(FilterId id) {
        return describe(RpcMethod.ETH_GET_FILTER_CHANGES, params(id.value()), FilterChanges::fromJson);
    }

    public static RpcCall<List<Log>> getFilterLogs(FilterId id) {
        return new RpcCall<>(RpcMethod.ETH_GET_FILTER_LOGS.wireName(), params(id.value()), ResultDecoders.list(Log::fromJson),
                ResultReaders.logs());
    }

    public static RpcCall<Boolean> uninstallFilter(FilterId id) {
        return describe(RpcMethod.ETH_UNINSTALL_FILTER, params(id.value()), ResultDecoders::bool);
    }

    // txpool_

    public static RpcCall<TxpoolStatus> txpoolStatus() {
        return describe(RpcMethod.TXPOOL_STATUS, params(), TxpoolStatus::fromJson);
    }

    public static RpcCall<TxpoolContent> txpoolContent() {
        return describe(RpcMethod.TXPOOL_CONTENT, params(), TxpoolContent::fromJson);
    }

    public static RpcCall<TxpoolInspect> txpoolInspect() {
        return describe(RpcMethod.TXPOOL_INSPECT, params(), TxpoolInspect::fromJson);
    }

    private static <T> RpcCall<T> describe(RpcMethod method, ArrayNode params, Function<JsonNode, T> decoder) {
        return new RpcCall<>(method.wireName(), params, decoder);
    }
}
