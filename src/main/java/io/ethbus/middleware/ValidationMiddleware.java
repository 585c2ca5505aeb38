package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.eth.Address;
import io.ethbus.eth.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.eth.Hash;
import io.ethbus.eth.Hex;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.InvalidRequestException;
import io.ethbus.rpc.RawJson;
import io.ethbus.rpc.RpcCall;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks requests before they leave and tidies results on the way back, driven by two small
 * tables. Requests: block identifiers in known positions must parse, addresses must be valid
 * (a wrong EIP-55 checksum fails with {@code InvalidAddressException} naming it), and a
 * transaction's chainId, when given, must be the node's (asked once with eth_chainId and
 * remembered) else {@link InvalidRequestException}. Results: quantities in compact hex and
 * addresses in known fields in checksum form. A layer of the node onion. A quantity already in
 * compact form stays the node's raw text; a large result (by bytes, or by elements for a tree
 * a layer built) is rewritten on a worker when it arrives on an event loop.
 */
public final class ValidationMiddleware implements Middleware {
    private enum Param { ADDRESS, BLOCK, TRANSACTION, FILTER }

    private enum Result { QUANTITY, ADDRESS_LIST, TRANSACTION, RECEIPT, BLOCK, LOGS }

    private record Checked(int index, Param kind) {
    }

    private static final Map<String, List<Checked>> REQUESTS = Map.ofEntries(
            Map.entry("eth_getBalance", List.of(new Checked(0, Param.ADDRESS), new Checked(1, Param.BLOCK))),
            Map.entry("eth_getCode", List.of(new Checked(0, Param.ADDRESS), new Checked(1, Param.BLOCK))),
            Map.entry("eth_getTransactionCount", List.of(new Checked(0, Param.ADDRESS), new Checked(1, Param.BLOCK))),
            Map.entry("eth_getStorageAt", List.of(new Checked(0, Param.ADDRESS), new Checked(2, Param.BLOCK))),
            Map.entry("eth_getProof", List.of(new Checked(0, Param.ADDRESS), new Checked(2, Param.BLOCK))),
            Map.entry("eth_call", List.of(new Checked(0, Param.TRANSACTION), new Checked(1, Param.BLOCK))),
            Map.entry("eth_estimateGas", List.of(new Checked(0, Param.TRANSACTION), new Checked(1, Param.BLOCK))),
            Map.entry("eth_createAccessList", List.of(new Checked(0, Param.TRANSACTION), new Checked(1, Param.BLOCK))),
            Map.entry("eth_sendTransaction", List.of(new Checked(0, Param.TRANSACTION))),
            Map.entry("eth_getBlockByNumber", List.of(new Checked(0, Param.BLOCK))),
            Map.entry("eth_getBlockReceipts", List.of(new Checked(0, Param.BLOCK))),
            Map.entry("eth_getBlockTransactionCountByNumber", List.of(new Checked(0, Param.BLOCK))),
            Map.entry("eth_getTransactionByBlockNumberAndIndex", List.of(new Checked(0, Param.BLOCK))),
            Map.entry("eth_feeHistory", List.of(new Checked(1, Param.BLOCK))),
            Map.entry("eth_getLogs", List.of(new Checked(0, Param.FILTER))),
            Map.entry("eth_newFilter", List.of(new Checked(0, Param.FILTER))));

    private static final Map<String, Result> RESULTS = Map.ofEntries(
            Map.entry("eth_blockNumber", Result.QUANTITY),
            Map.entry("eth_chainId", Result.QUANTITY),
            Map.entry("eth_gasPrice", Result.QUANTITY),
            Map.entry("eth_maxPriorityFeePerGas", Result.QUANTITY),
            Map.entry("eth_blobBaseFee", Result.QUANTITY),
            Map.entry("eth_getBalance", Result.QUANTITY),
            Map.entry("eth_getTransactionCount", Result.QUANTITY),
            Map.entry("eth_estimateGas", Result.QUANTITY),
            Map.entry("eth_accounts", Result.ADDRESS_LIST),
            Map.entry("eth_getTransactionByHash", Result.TRANSACTION),
            Map.entry("eth_getTransactionByBlockNumberAndIndex", Result.TRANSACTION),
            Map.entry("eth_getTransactionByBlockHashAndIndex", Result.TRANSACTION),
            Map.entry("eth_getTransactionReceipt", Result.RECEIPT),
            Map.entry("eth_getBlockByNumber", Result.BLOCK),
            Map.entry("eth_getBlockByHash", Result.BLOCK),
            Map.entry("eth_getLogs", Result.LOGS),
            Map.entry("eth_getFilterLogs", Result.LOGS),
            Map.entry("eth_getFilterChanges", Result.LOGS));

    /** The same tidying for results still held as raw text, done while copying them: large ones never become trees. */
    private static final Map<Result, AddressChecksumRewrite> STREAMED = Map.of(
            Result.TRANSACTION, new AddressChecksumRewrite(Set.of("from", "to")),
            Result.RECEIPT, new AddressChecksumRewrite(Set.of("from", "to", "contractAddress", "logs[].address")),
            Result.BLOCK, new AddressChecksumRewrite(Set.of("miner", "transactions[].from", "transactions[].to")),
            Result.LOGS, new AddressChecksumRewrite(Set.of("[].address")));

    /** Tree results with more elements than this are rewritten on a worker, as the node verticle writes them. */
    private static final int LARGE_TREE_ELEMENTS = 1_000;
    /** Compact quantities are at most 0x and 64 digits (uint256), in quotes. */
    private static final int MAX_QUANTITY_TEXT = 2 + 2 + 64;

    private final LayerCalls calls = new LayerCalls(LayerCalls.VALIDATION);
    private Future<Long> chainId;

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        BigInteger wantedChain;
        try {
            wantedChain = check(request);
        } catch (EthbusException e) {
            return Future.failedFuture(e);
        }
        Future<RpcRequest> checked = wantedChain == null ? Future.succeededFuture(request)
                : chainId(next).map(nodeChain -> {
                    if (!BigInteger.valueOf(nodeChain).equals(wantedChain)) {
                        throw new InvalidRequestException(request.method(), null, "transaction chainId "
                                + Hex.quantity(wantedChain) + " is not the node's chain id " + Hex.quantity(nodeChain));
                    }
                    return request;
                });
        return checked.compose(next::handle).compose(response -> normalisedOffLoop(request.method(), response));
    }

    /** Validates the params; returns the chainId a transaction names, or null. */
    private static BigInteger check(RpcRequest request) {
        BigInteger wantedChain = null;
        for (Checked c : REQUESTS.getOrDefault(request.method(), List.of())) {
            JsonNode value = request.params().get(c.index());
            if (value == null || value.isNull()) {
                continue;
            }
            switch (c.kind()) {
                case ADDRESS -> Address.of(value.asText());
                case BLOCK -> checkBlock(value);
                case FILTER -> checkFilter(value);
                case TRANSACTION -> {
                    checkAddressField(value, "from");
                    checkAddressField(value, "to");
                    JsonNode chain = value.get("chainId");
                    wantedChain = chain == null || chain.isNull() ? null : Hex.toBigInteger(chain.asText());
                }
            }
        }
        return wantedChain;
    }

    private static void checkBlock(JsonNode block) {
        if (block.isObject()) {
            // EIP-1898: {"blockHash": ..., "requireCanonical": ...} or {"blockNumber": ...}
            if (block.hasNonNull("blockHash")) {
                Hash.of(block.get("blockHash").asText());
            }
            if (block.hasNonNull("blockNumber")) {
                BlockId.parse(block.get("blockNumber").asText());
            }
        } else {
            BlockId.parse(block.asText());
        }
    }

    private static void checkFilter(JsonNode filter) {
        for (String field : List.of("fromBlock", "toBlock")) {
            if (filter.hasNonNull(field)) {
                BlockId.parse(filter.get(field).asText());
            }
        }
        if (filter.hasNonNull("blockHash")) {
            Hash.of(filter.get("blockHash").asText());
        }
        JsonNode address = filter.get("address");
        if (address != null && address.isArray()) {
            address.forEach(a -> Address.of(a.asText()));
        } else if (address != null && !address.isNull()) {
            Address.of(address.asText());
        }
    }

    private static void checkAddressField(JsonNode object, String field) {
        if (object.hasNonNull(field)) {
            Address.of(object.get(field).asText());
        }
    }

    private Future<Long> chainId(Next next) {
        // A failed look-up is not remembered: the next transaction asks again. (Returning the
        // field after an onFailure reset would hand back null when the call failed at once.)
        if (chainId == null || chainId.failed()) {
            chainId = calls.call(EthCalls.chainId(), next);
        }
        return chainId;
    }

    /**
     * The tidied response; on a worker when the result is large and this runs on an event loop
     * (a Keccak per distinct address of hundreds of thousands of logs would stall it).
     */
    private static Future<RpcResponse> normalisedOffLoop(String method, RpcResponse response) {
        Context context = Vertx.currentContext();
        if (context != null && Context.isOnEventLoopThread() && isLarge(response)) {
            return context.executeBlocking(() -> normalised(method, response), false);
        }
        try {
            return Future.succeededFuture(normalised(method, response));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private static boolean isLarge(RpcResponse response) {
        if (response.isError()) {
            return false;
        }
        RawJson raw = response.rawResult();
        return raw != null ? raw.length() >= RpcCall.HEAVY_RESULT_BYTES : response.result().size() > LARGE_TREE_ELEMENTS;
    }

    private static RpcResponse normalised(String method, RpcResponse response) {
        Result shape = RESULTS.get(method);
        if (shape == null || response.isError() || response.isNullResult()) {
            return response;
        }
        if (shape == Result.QUANTITY && response.rawResult() != null && isCompactQuantity(response.rawResult())) {
            return response; // already what the rewrite would make of it: no tree, no copy
        }
        AddressChecksumRewrite streamed = STREAMED.get(shape);
        if (streamed != null && response.rawResult() != null) {
            return RpcResponse.success(response.id(), streamed.apply(response.rawResult()));
        }
        // Copied: the result may be shared with another layer, such as a cache.
        JsonNode result = response.result().deepCopy();
        switch (shape) {
            case QUANTITY -> result = TextNode.valueOf(Hex.quantity(Hex.toBigInteger(result.asText())));
            case ADDRESS_LIST -> checksumElements((ArrayNode) result);
            case TRANSACTION -> checksumFields(result, "from", "to");
            case RECEIPT -> {
                checksumFields(result, "from", "to", "contractAddress");
                result.path("logs").forEach(log -> checksumFields(log, "address"));
            }
            case BLOCK -> {
                checksumFields(result, "miner");
                result.path("transactions").forEach(tx -> checksumFields(tx, "from", "to"));
            }
            case LOGS -> result.forEach(log -> checksumFields(log, "address"));
        }
        return RpcResponse.success(response.id(), result);
    }

    /**
     * True for {@code "0x0"} and {@code "0x"} plus up to 64 lowercase hex digits without a leading
     * zero: the form {@link Hex#quantity(BigInteger)} writes, so the rewrite would change nothing.
     */
    private static boolean isCompactQuantity(RawJson raw) {
        if (raw.length() < 5 || raw.length() > MAX_QUANTITY_TEXT) {
            return false;
        }
        byte[] text = raw.toBytes();
        int last = text.length - 1;
        if (text[0] != '"' || text[1] != '0' || text[2] != 'x' || text[last] != '"') {
            return false;
        }
        if (text[3] == '0') {
            return last == 4;
        }
        for (int i = 3; i < last; i++) {
            byte b = text[i];
            if (!(b >= '0' && b <= '9' || b >= 'a' && b <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static void checksumElements(ArrayNode addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            addresses.set(i, TextNode.valueOf(Address.of(addresses.get(i).asText().toLowerCase(Locale.ROOT)).toChecksumHex()));
        }
    }

    private static void checksumFields(JsonNode node, String... fields) {
        if (!(node instanceof ObjectNode object)) {
            return; // a transaction hash where full objects were not asked for
        }
        for (String field : fields) {
            JsonNode value = object.get(field);
            if (value != null && value.isTextual()) {
                object.put(field, Address.of(value.asText().toLowerCase(Locale.ROOT)).toChecksumHex());
            }
        }
    }
}
