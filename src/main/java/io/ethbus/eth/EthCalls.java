package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ethbus.rpc.RpcCall;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static io.ethbus.rpc.JsonRpcCodec.params;

/**
 * The typed description of every supported method of the eth, net and web3 namespaces:
 * params encoded for the wire, results decoded to ethbus types. {@link Eth}, {@link Net}
 * and {@link Web3} run them one at a time; a {@link io.ethbus.rpc.Batch} runs them together.
 *
 * <pre>batch.add(EthCalls.getBalance(address, BlockId.LATEST))</pre>
 */
public final class EthCalls {
    private EthCalls() {
    }

    // web3_ and net_

    public static RpcCall<String> clientVersion() {
        return describe("web3_clientVersion", params(), ResultDecoders::text);
    }

    public static RpcCall<Hash> sha3(Bytes data) {
        return describe("web3_sha3", params(data.toHex()), ResultDecoders::hash);
    }

    public static RpcCall<String> netVersion() {
        return describe("net_version", params(), ResultDecoders::text);
    }

    public static RpcCall<Boolean> netListening() {
        return describe("net_listening", params(), ResultDecoders::bool);
    }

    public static RpcCall<Long> netPeerCount() {
        return describe("net_peerCount", params(), ResultDecoders::longQuantity);
    }

    // chain state

    public static RpcCall<Long> chainId() {
        return describe("eth_chainId", params(), ResultDecoders::longQuantity);
    }

    public static RpcCall<Long> blockNumber() {
        return describe("eth_blockNumber", params(), ResultDecoders::longQuantity);
    }

    public static RpcCall<SyncStatus> syncing() {
        return describe("eth_syncing", params(), SyncStatus::fromJson);
    }

    public static RpcCall<BigInteger> gasPrice() {
        return describe("eth_gasPrice", params(), ResultDecoders::quantity);
    }

    public static RpcCall<BigInteger> maxPriorityFeePerGas() {
        return describe("eth_maxPriorityFeePerGas", params(), ResultDecoders::quantity);
    }

    /** Fee history of {@code blockCount} blocks up to {@code newest}, with rewards at the given percentiles (may be empty). */
    public static RpcCall<FeeHistory> feeHistory(int blockCount, BlockId newest, List<Double> rewardPercentiles) {
        ArrayNode percentiles = JsonNodeFactory.instance.arrayNode();
        rewardPercentiles.forEach(percentiles::add);
        return describe("eth_feeHistory", params(Hex.quantity(blockCount), newest.toBlockParam(), percentiles),
                FeeHistory::fromJson);
    }

    // accounts: an Address was checked when it was made, so it goes out in lowercase, which
    // nodes and the node onion's validation take without a Keccak (the checksum form costs one
    // here and one more to verify it on the other side of the bus)

    public static RpcCall<BigInteger> getBalance(Address address, BlockId block) {
        return describe("eth_getBalance", params(address.toHex(), block.toParam()), ResultDecoders::quantity);
    }

    public static RpcCall<Bytes> getCode(Address address, BlockId block) {
        return describe("eth_getCode", params(address.toHex(), block.toParam()), ResultDecoders::bytes);
    }

    public static RpcCall<Bytes> getStorageAt(Address address, BigInteger slot, BlockId block) {
        return describe("eth_getStorageAt", params(address.toHex(), Hex.quantity(slot), block.toParam()),
                ResultDecoders::bytes);
    }

    public static RpcCall<BigInteger> getTransactionCount(Address address, BlockId block) {
        return describe("eth_getTransactionCount", params(address.toHex(), block.toParam()),
                ResultDecoders::quantity);
    }

    public static RpcCall<List<Address>> accounts() {
        return describe("eth_accounts", params(), ResultDecoders.list(n -> Address.ofAnyCase(ResultDecoders.text(n))));
    }

    // blocks

    /** The block, or empty when the node does not know it. {@code full}: full transaction objects instead of hashes. */
    public static RpcCall<Optional<Block>> getBlockByNumber(BlockId block, boolean full) {
        return new RpcCall<>("eth_getBlockByNumber", params(block.toBlockParam(), full),
                ResultDecoders.optional(Block::fromJson), ResultReaders.optional(ResultReaders::block));
    }

    public static RpcCall<Optional<Block>> getBlockByHash(Hash hash, boolean full) {
        return new RpcCall<>("eth_getBlockByHash", params(hash.toHex(), full),
                ResultDecoders.optional(Block::fromJson), ResultReaders.optional(ResultReaders::block));
    }

    public static RpcCall<Optional<Long>> getBlockTransactionCountByNumber(BlockId block) {
        return describe("eth_getBlockTransactionCountByNumber", params(block.toBlockParam()),
                ResultDecoders.optional(ResultDecoders::longQuantity));
    }

    public static RpcCall<Optional<Long>> getBlockTransactionCountByHash(Hash hash) {
        return describe("eth_getBlockTransactionCountByHash", params(hash.toHex()),
                ResultDecoders.optional(ResultDecoders::longQuantity));
    }

    /** Every receipt of one block in one call, or empty when the node does not know the block. */
    public static RpcCall<Optional<List<Receipt>>> getBlockReceipts(BlockId block) {
        return new RpcCall<>("eth_getBlockReceipts", params(block.toParam()),
                ResultDecoders.optional(ResultDecoders.list(Receipt::fromJson)),
                ResultReaders.optional(ResultReaders.list(Receipt::read)));
    }

    // transactions

    public static RpcCall<Optional<Transaction>> getTransactionByHash(Hash hash) {
        return describe("eth_getTransactionByHash", params(hash.toHex()), ResultDecoders.optional(Transaction::fromJson));
    }

    public static RpcCall<Optional<Transaction>> getTransactionByBlockNumberAndIndex(BlockId block, long index) {
        return describe("eth_getTransactionByBlockNumberAndIndex", params(block.toBlockParam(), Hex.quantity(index)),
                ResultDecoders.optional(Transaction::fromJson));
    }

    /** The receipt, or empty while the transaction is pending or unknown. */
    public static RpcCall<Optional<Receipt>> getTransactionReceipt(Hash hash) {
        return describe("eth_getTransactionReceipt", params(hash.toHex()), ResultDecoders.optional(Receipt::fromJson));
    }

    public static RpcCall<Bytes> call(TransactionRequest tx, BlockId block) {
        return describe("eth_call", params(tx.toJson(), block.toParam()), ResultDecoders::bytes);
    }

    public static RpcCall<BigInteger> estimateGas(TransactionRequest tx) {
        return describe("eth_estimateGas", params(tx.toJson()), ResultDecoders::quantity);
    }

    public static RpcCall<BigInteger> estimateGas(TransactionRequest tx, BlockId block) {
        return describe("eth_estimateGas", params(tx.toJson(), block.toParam()), ResultDecoders::quantity);
    }

    public static RpcCall<AccessListResult> createAccessList(TransactionRequest tx, BlockId block) {
        return describe("eth_createAccessList", params(tx.toJson(), block.toParam()), AccessListResult::fromJson);
    }

    /** Sends a signed transaction; the result is its hash. Never resent automatically. */
    public static RpcCall<Hash> sendRawTransaction(Bytes signed) {
        return describe("eth_sendRawTransaction", params(signed.toHex()), ResultDecoders::hash);
    }

    /** Asks the node to sign with an account it holds and send; the result is the hash. Never resent automatically. */
    public static RpcCall<Hash> sendTransaction(TransactionRequest tx) {
        return describe("eth_sendTransaction", params(tx.toJson()), ResultDecoders::hash);
    }

    // logs and filters

    public static RpcCall<List<Log>> getLogs(LogFilter filter) {
        return new RpcCall<>("eth_getLogs", params(filter.toJson()), ResultDecoders.list(Log::fromJson),
                ResultReaders.logs());
    }

    public static RpcCall<FilterId> newFilter(LogFilter filter) {
        return describe("eth_newFilter", params(filter.toJson()), n -> new FilterId(ResultDecoders.text(n)));
    }

    public static RpcCall<FilterId> newBlockFilter() {
        return describe("eth_newBlockFilter", params(), n -> new FilterId(ResultDecoders.text(n)));
    }

    public static RpcCall<FilterChanges> getFilterChanges(FilterId id) {
        return describe("eth_getFilterChanges", params(id.value()), FilterChanges::fromJson);
    }

    public static RpcCall<List<Log>> getFilterLogs(FilterId id) {
        return new RpcCall<>("eth_getFilterLogs", params(id.value()), ResultDecoders.list(Log::fromJson),
                ResultReaders.logs());
    }

    public static RpcCall<Boolean> uninstallFilter(FilterId id) {
        return describe("eth_uninstallFilter", params(id.value()), ResultDecoders::bool);
    }

    private static <T> RpcCall<T> describe(String method, ArrayNode params, Function<JsonNode, T> decoder) {
        return new RpcCall<>(method, params, decoder);
    }
}
