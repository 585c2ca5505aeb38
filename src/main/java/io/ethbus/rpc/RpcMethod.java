package io.ethbus.rpc;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.ethbus.rpc.CacheRule.FOREVER;
import static io.ethbus.rpc.CacheRule.TIMED;
import static io.ethbus.rpc.CacheRule.WHILE_HEAD;
import static io.ethbus.rpc.MethodEffect.READ;
import static io.ethbus.rpc.MethodEffect.SEND;
import static io.ethbus.rpc.MethodEffect.SIGN;
import static io.ethbus.rpc.MethodEffect.STATEFUL;
import static io.ethbus.rpc.ParamKind.ADDRESS;
import static io.ethbus.rpc.ParamKind.BLOCK;
import static io.ethbus.rpc.ParamKind.BLOCK_OR_LATEST;
import static io.ethbus.rpc.ParamKind.FILTER;
import static io.ethbus.rpc.ParamKind.OTHER;
import static io.ethbus.rpc.ParamKind.TRANSACTION;

/**
 * The one table of the JSON-RPC methods ethbus knows: per method its name on the wire, its
 * effect (may it be sent again: reads only), its parameters (which one is the block, which are checked),
 * the shape of its result (how it is tidied) and when its answer may be reused. Layers read
 * this table instead of keeping lists of their own; code names a method by its constant here,
 * never by a string of its own.
 *
 * <pre>RpcMethod m = RpcMethod.find(request.method()); if (m != null &amp;&amp; m.cachedBy(CacheRule.FOREVER)) ...</pre>
 */
public enum RpcMethod {
    WEB3_CLIENT_VERSION("web3_clientVersion", READ, List.of(), ResultShape.OTHER, FOREVER, TIMED),
    WEB3_SHA3("web3_sha3", READ, List.of(OTHER), ResultShape.OTHER),
    NET_VERSION("net_version", READ, List.of(), ResultShape.OTHER, FOREVER, TIMED),
    NET_LISTENING("net_listening", READ, List.of(), ResultShape.OTHER, TIMED),
    NET_PEER_COUNT("net_peerCount", READ, List.of(), ResultShape.OTHER, TIMED),

    ETH_CHAIN_ID("eth_chainId", READ, List.of(), ResultShape.QUANTITY, FOREVER, TIMED),
    ETH_PROTOCOL_VERSION("eth_protocolVersion", READ, List.of(), ResultShape.OTHER),
    ETH_SYNCING("eth_syncing", READ, List.of(), ResultShape.OTHER, TIMED),
    ETH_ACCOUNTS("eth_accounts", READ, List.of(), ResultShape.ADDRESS_LIST, TIMED),
    ETH_BLOCK_NUMBER("eth_blockNumber", READ, List.of(), ResultShape.QUANTITY, WHILE_HEAD),
    ETH_GAS_PRICE("eth_gasPrice", READ, List.of(), ResultShape.QUANTITY, WHILE_HEAD, TIMED),
    ETH_MAX_PRIORITY_FEE_PER_GAS("eth_maxPriorityFeePerGas", READ, List.of(), ResultShape.QUANTITY, TIMED),
    ETH_BLOB_BASE_FEE("eth_blobBaseFee", READ, List.of(), ResultShape.QUANTITY),
    ETH_FEE_HISTORY("eth_feeHistory", READ, List.of(OTHER, BLOCK, OTHER), ResultShape.OTHER, WHILE_HEAD),

    ETH_GET_BALANCE("eth_getBalance", READ, List.of(ADDRESS, BLOCK_OR_LATEST), ResultShape.QUANTITY, FOREVER, WHILE_HEAD),
    ETH_GET_CODE("eth_getCode", READ, List.of(ADDRESS, BLOCK_OR_LATEST), ResultShape.OTHER, FOREVER, WHILE_HEAD),
    ETH_GET_STORAGE_AT("eth_getStorageAt", READ, List.of(ADDRESS, OTHER, BLOCK_OR_LATEST), ResultShape.OTHER,
            FOREVER, WHILE_HEAD),
    ETH_GET_TRANSACTION_COUNT("eth_getTransactionCount", READ, List.of(ADDRESS, BLOCK_OR_LATEST), ResultShape.QUANTITY,
            FOREVER, WHILE_HEAD),
    ETH_GET_PROOF("eth_getProof", READ, List.of(ADDRESS, OTHER, BLOCK), ResultShape.OTHER),

    ETH_GET_BLOCK_BY_NUMBER("eth_getBlockByNumber", READ, List.of(BLOCK, OTHER), ResultShape.BLOCK, FOREVER, WHILE_HEAD),
    ETH_GET_BLOCK_BY_HASH("eth_getBlockByHash", READ, List.of(OTHER, OTHER), ResultShape.BLOCK, FOREVER),
    ETH_GET_BLOCK_RECEIPTS("eth_getBlockReceipts", READ, List.of(BLOCK), ResultShape.OTHER, FOREVER),
    ETH_GET_BLOCK_TRANSACTION_COUNT_BY_NUMBER("eth_getBlockTransactionCountByNumber", READ, List.of(BLOCK),
            ResultShape.QUANTITY, FOREVER),
    ETH_GET_BLOCK_TRANSACTION_COUNT_BY_HASH("eth_getBlockTransactionCountByHash", READ, List.of(OTHER),
            ResultShape.QUANTITY, FOREVER),
    ETH_GET_UNCLE_COUNT_BY_BLOCK_NUMBER("eth_getUncleCountByBlockNumber", READ, List.of(BLOCK), ResultShape.QUANTITY),
    ETH_GET_UNCLE_COUNT_BY_BLOCK_HASH("eth_getUncleCountByBlockHash", READ, List.of(OTHER), ResultShape.QUANTITY,
            FOREVER),
    ETH_GET_UNCLE_BY_BLOCK_NUMBER_AND_INDEX("eth_getUncleByBlockNumberAndIndex", READ, List.of(BLOCK, OTHER),
            ResultShape.OTHER),
    ETH_GET_UNCLE_BY_BLOCK_HASH_AND_INDEX("eth_getUncleByBlockHashAndIndex", READ, List.of(OTHER, OTHER),
            ResultShape.OTHER, FOREVER),

    ETH_GET_TRANSACTION_BY_HASH("eth_getTransactionByHash", READ, List.of(OTHER), ResultShape.TRANSACTION, FOREVER),
    ETH_GET_TRANSACTION_BY_BLOCK_NUMBER_AND_INDEX("eth_getTransactionByBlockNumberAndIndex", READ, List.of(BLOCK, OTHER),
            ResultShape.TRANSACTION, FOREVER),
    ETH_GET_TRANSACTION_BY_BLOCK_HASH_AND_INDEX("eth_getTransactionByBlockHashAndIndex", READ, List.of(OTHER, OTHER),
            ResultShape.TRANSACTION, FOREVER),
    ETH_GET_RAW_TRANSACTION_BY_HASH("eth_getRawTransactionByHash", READ, List.of(OTHER), ResultShape.OTHER, FOREVER),
    /** Not cached: a receipt found near the head can still be replaced by a reorganisation. */
    ETH_GET_TRANSACTION_RECEIPT("eth_getTransactionReceipt", READ, List.of(OTHER), ResultShape.RECEIPT),

    ETH_CALL("eth_call", READ, List.of(TRANSACTION, BLOCK_OR_LATEST), ResultShape.OTHER, FOREVER, WHILE_HEAD),
    ETH_ESTIMATE_GAS("eth_estimateGas", READ, List.of(TRANSACTION, BLOCK_OR_LATEST), ResultShape.QUANTITY),
    ETH_CREATE_ACCESS_LIST("eth_createAccessList", READ, List.of(TRANSACTION, BLOCK_OR_LATEST), ResultShape.OTHER),
    ETH_SEND_TRANSACTION("eth_sendTransaction", SEND, List.of(TRANSACTION), ResultShape.OTHER),
    ETH_SEND_RAW_TRANSACTION("eth_sendRawTransaction", SEND, List.of(OTHER), ResultShape.OTHER),
    /** Node-side signing of an EIP-191 message with an account the node holds. */
    ETH_SIGN("eth_sign", SIGN, List.of(ADDRESS, OTHER), ResultShape.OTHER),
    /** Not cached: the payload may override state and block fields, so equal params at another head differ. */
    ETH_SIMULATE_V1("eth_simulateV1", READ, List.of(OTHER, BLOCK_OR_LATEST), ResultShape.OTHER),

    ETH_GET_LOGS("eth_getLogs", READ, List.of(FILTER), ResultShape.LOGS),
    ETH_NEW_FILTER("eth_newFilter", STATEFUL, List.of(FILTER), ResultShape.OTHER),
    ETH_NEW_BLOCK_FILTER("eth_newBlockFilter", STATEFUL, List.of(), ResultShape.OTHER),
    ETH_NEW_PENDING_TRANSACTION_FILTER("eth_newPendingTransactionFilter", STATEFUL, List.of(), ResultShape.OTHER),
    /** Stateful: each call consumes the changes it answers with. */
    ETH_GET_FILTER_CHANGES("eth_getFilterChanges", STATEFUL, List.of(OTHER), ResultShape.LOGS),
    ETH_GET_FILTER_LOGS("eth_getFilterLogs", READ, List.of(OTHER), ResultShape.LOGS),
    ETH_UNINSTALL_FILTER("eth_uninstallFilter", STATEFUL, List.of(OTHER), ResultShape.OTHER),

    ETH_SUBSCRIBE("eth_subscribe", STATEFUL, List.of(OTHER, FILTER), ResultShape.OTHER),
    ETH_UNSUBSCRIBE("eth_unsubscribe", STATEFUL, List.of(OTHER), ResultShape.OTHER),
    /** The method a node names its subscription notifications with; never sent. */
    ETH_SUBSCRIPTION("eth_subscription", STATEFUL, List.of(OTHER), ResultShape.OTHER),

    /** Not cached: traces near the head can be replaced by a reorganisation, and the options change the answer. */
    DEBUG_TRACE_TRANSACTION("debug_traceTransaction", READ, List.of(OTHER, OTHER), ResultShape.OTHER),
    DEBUG_TRACE_BLOCK_BY_NUMBER("debug_traceBlockByNumber", READ, List.of(BLOCK, OTHER), ResultShape.OTHER),
    DEBUG_TRACE_BLOCK_BY_HASH("debug_traceBlockByHash", READ, List.of(OTHER, OTHER), ResultShape.OTHER),
    TRACE_BLOCK("trace_block", READ, List.of(BLOCK), ResultShape.OTHER),
    TRACE_TRANSACTION("trace_transaction", READ, List.of(OTHER), ResultShape.OTHER),

    TXPOOL_STATUS("txpool_status", READ, List.of(), ResultShape.OTHER),
    TXPOOL_CONTENT("txpool_content", READ, List.of(), ResultShape.OTHER),
    TXPOOL_INSPECT("txpool_inspect", READ, List.of(), ResultShape.OTHER),
    EVM_MINE("evm_mine", STATEFUL, List.of(), ResultShape.OTHER),
    ANVIL_SET_AUTOMINE("anvil_setAutomine", STATEFUL, List.of(OTHER), ResultShape.OTHER);

    private static final Map<String, RpcMethod> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(RpcMethod::wireName, Function.identity()));

    private final String wireName;
    private final MethodEffect effect;
    private final List<ParamKind> params;
    private final int blockIndex;
    private final ResultShape result;
    private final Set<CacheRule> cacheRules;

    RpcMethod(String wireName, MethodEffect effect, List<ParamKind> params, ResultShape result, CacheRule... cacheRules) {
        this.wireName = wireName;
        this.effect = effect;
        this.params = params;
        this.blockIndex = blockIndexOf(params);
        this.result = result;
        this.cacheRules = Set.of(cacheRules);
    }

    private static int blockIndexOf(List<ParamKind> params) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).isBlock()) {
                return i;
            }
        }
        return -1;
    }

    /** The method of this name, or null when ethbus does not know it. */
    public static RpcMethod find(String wireName) {
        return BY_NAME.get(wireName);
    }

    /**
     * True when {@code method} may be sent again after a failure: a read of this table, or any
     * method of the net and web3 namespaces (all reads). Never a transaction send.
     */
    public static boolean isIdempotent(String method) {
        RpcMethod known = find(method);
        if (known != null) {
            return known.effect == READ;
        }
        return !sendsTransaction(method) && (method.startsWith("net_") || method.startsWith("web3_"));
    }

    /**
     * True for the methods that send a transaction, known here or not ({@code eth_send*},
     * {@code personal_*send*}): they must never be resent automatically, as a resend can pay
     * twice or fail with a confusing nonce error.
     */
    public static boolean sendsTransaction(String method) {
        RpcMethod known = find(method);
        if (known != null) {
            return known.effect == SEND;
        }
        String m = method.toLowerCase(Locale.ROOT);
        return m.startsWith("eth_send") || (m.startsWith("personal_") && m.contains("send"));
    }

    /** The method's name on the wire, such as {@code eth_getBalance}. */
    public String wireName() {
        return wireName;
    }

    /** What sending it does besides answering: read, stateful or a transaction send. */
    public MethodEffect effect() {
        return effect;
    }

    /** The kinds of its positional parameters, in order; trailing ones may be optional. */
    public List<ParamKind> params() {
        return params;
    }

    /** The position of its block parameter, or -1 when it has none. */
    public int blockIndex() {
        return blockIndex;
    }

    /** True when its block parameter may be left out, the node then answering at latest. */
    public boolean blockDefaultsToLatest() {
        return blockIndex >= 0 && params.get(blockIndex) == BLOCK_OR_LATEST;
    }

    /** The shape of its result, as tidied on the way back. */
    public ResultShape result() {
        return result;
    }

    /** True when its answer may be reused under {@code rule}. */
    public boolean cachedBy(CacheRule rule) {
        return cacheRules.contains(rule);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
