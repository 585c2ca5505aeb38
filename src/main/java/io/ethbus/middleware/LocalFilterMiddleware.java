package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.InvalidRequestException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCall;
import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the filter methods (eth_newFilter, eth_newBlockFilter, eth_getFilterChanges,
 * eth_getFilterLogs, eth_uninstallFilter) itself, on top of eth_blockNumber, eth_getLogs and
 * eth_getBlockByNumber, so filters work on nodes without filter support and survive a node
 * restart. A filter remembers its criteria and the next block to report; each poll reports
 * the blocks since the last one, once. An unknown id is answered like nodes do:
 * JSON-RPC error -32000 "filter not found". Filters live in this instance (one verticle);
 * they are never forwarded.
 */
public final class LocalFilterMiddleware implements Middleware {
    /** Block filters report at most this many blocks per poll; the rest come with the next poll. */
    static final int MAX_BLOCKS_PER_POLL = 256;
    private static final RpcCall<JsonNode> BLOCK_NUMBER_RAW = new RpcCall<>(RpcMethod.ETH_BLOCK_NUMBER.wireName(), JsonRpcCodec.params(), r -> r);

    /** One filter: log criteria (null for a block filter) and the next block not yet reported. */
    private static final class LocalFilter {
        final ObjectNode criteria;
        long nextBlock;

        LocalFilter(ObjectNode criteria, long nextBlock) {
            this.criteria = criteria;
            this.nextBlock = nextBlock;
        }
    }

    private final Map<String, LocalFilter> filters = new HashMap<>();
    private final LayerCalls calls = new LayerCalls(LayerCalls.LOCAL_FILTER);
    private long lastId;

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        RpcMethod method = RpcMethod.find(request.method());
        if (method == null) {
            return next.handle(request);
        }
        return switch (method) {
            case ETH_NEW_FILTER -> newFilter(request, criteriaOf(request), next);
            case ETH_NEW_BLOCK_FILTER -> newFilter(request, null, next);
            case ETH_UNINSTALL_FILTER -> Future.succeededFuture(RpcResponse.success(request.id(),
                    JsonNodeFactory.instance.booleanNode(filters.remove(idOf(request)) != null)));
            case ETH_GET_FILTER_CHANGES, ETH_GET_FILTER_LOGS -> withFilter(request, next);
            default -> next.handle(request);
        };
    }

    private Future<RpcResponse> newFilter(RpcRequest request, ObjectNode criteria, Next next) {
        return head(next).map(head -> {
            String id = "0x" + Long.toHexString(++lastId);
            filters.put(id, new LocalFilter(criteria, firstBlock(criteria, head)));
            return RpcResponse.success(request.id(), TextNode.valueOf(id));
        });
    }

    private Future<RpcResponse> withFilter(RpcRequest request, Next next) {
        LocalFilter filter = filters.get(idOf(request));
        if (filter == null || (filter.criteria == null && request.method().equals(RpcMethod.ETH_GET_FILTER_LOGS.wireName()))) {
            return Future.succeededFuture(RpcResponse.failure(request.id(), new RpcError(-32000, "filter not found")));
        }
        if (request.method().equals(RpcMethod.ETH_GET_FILTER_LOGS.wireName())) {
            return logs(filter.criteria, next).map(logs -> RpcResponse.success(request.id(), logs));
        }
        return head(next).compose(head -> changes(filter, head, next)).map(changes -> RpcResponse.success(request.id(), changes));
    }

    private Future<JsonNode> changes(LocalFilter filter, long head, Next next) {
        if (head < filter.nextBlock - 1) {
            // The chain went back (a reorg or a restarted dev node): report from its new head on.
            filter.nextBlock = head + 1;
        }
        long from = filter.nextBlock;
        long to = Math.min(head, lastBlock(filter));
        if (filter.criteria == null) {
            to = Math.min(to, from + MAX_BLOCKS_PER_POLL - 1);
        }
        if (from > to) {
            return Future.succeededFuture(JsonNodeFactory.instance.arrayNode());
        }
        // Claimed before the answer arrives, so that overlapping polls never report a block twice.
        long claimedEnd = to + 1;
        filter.nextBlock = claimedEnd;
        Future<JsonNode> answer = filter.criteria == null ? blockHashes(from, to, next) : logs(range(filter.criteria, from, to), next);
        return answer.onFailure(e -> {
            if (filter.nextBlock == claimedEnd) {
                filter.nextBlock = from;
            }
        });
    }

    private Future<JsonNode> blockHashes(long from, long to, Next next) {
        List<Future<JsonNode>> blocks = new ArrayList<>();
        for (long n = from; n <= to; n++) {
            blocks.add(calls.call(new RpcCall<>(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), JsonRpcCodec.params(Hex.quantity(n), false),
                    block -> block.isNull() ? block : block.get("hash")), next));
        }
        return Future.all(blocks).map(all -> {
            ArrayNode hashes = JsonNodeFactory.instance.arrayNode();
            blocks.forEach(b -> {
                if (!b.result().isNull()) {
                    hashes.add(b.result());
                }
            });
            return hashes;
        });
    }

    private Future<JsonNode> logs(ObjectNode criteria, Next next) {
        return calls.call(new RpcCall<>(RpcMethod.ETH_GET_LOGS.wireName(), JsonRpcCodec.params(criteria), r -> r), next);
    }

    private Future<Long> head(Next next) {
        return calls.call(EthCalls.blockNumber(), next);
    }

    private static ObjectNode range(ObjectNode criteria, long from, long to) {
        ObjectNode copy = criteria.deepCopy();
        copy.put("fromBlock", Hex.quantity(from));
        copy.put("toBlock", Hex.quantity(to));
        return copy;
    }

    /** The first block a new filter reports: its numeric fromBlock, or the block after the head. */
    private static long firstBlock(ObjectNode criteria, long head) {
        BlockId from = blockOf(criteria, "fromBlock");
        if (from instanceof BlockId.Number n) {
            return n.value().longValueExact();
        }
        return from == BlockId.EARLIEST ? 0 : head + 1;
    }

    /** The last block a filter may report: its numeric toBlock, else no limit. */
    private static long lastBlock(LocalFilter filter) {
        BlockId to = filter.criteria == null ? null : blockOf(filter.criteria, "toBlock");
        return to instanceof BlockId.Number n ? n.value().longValueExact() : Long.MAX_VALUE;
    }

    private static BlockId blockOf(ObjectNode criteria, String field) {
        JsonNode value = criteria == null ? null : criteria.get(field);
        return value == null || value.isNull() ? null : BlockId.parse(value.asText());
    }

    private static ObjectNode criteriaOf(RpcRequest request) {
        JsonNode criteria = request.params().get(0);
        if (criteria == null || criteria.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!criteria.isObject()) {
            throw new InvalidRequestException(RpcMethod.ETH_NEW_FILTER.wireName(), null, "takes a filter object, got " + criteria.getNodeType());
        }
        if (criteria.has("blockHash")) {
            throw new InvalidRequestException(RpcMethod.ETH_NEW_FILTER.wireName(), null, "a local filter follows new blocks; use eth_getLogs for one block hash");
        }
        return ((ObjectNode) criteria).deepCopy();
    }

    private static String idOf(RpcRequest request) {
        JsonNode id = request.params().get(0);
        return id == null ? "" : id.asText();
    }
}
