package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.rpc.OffLoop;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.RawJson;
import io.ethbus.rpc.ResultShape;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tidies results by the {@link ResultShape} of their method: quantities in compact hex, and
 * addresses in known fields in checksum form. Results still held as raw text are tidied while
 * being copied, so large ones never become trees; a quantity already in compact form stays the
 * node's raw text. Errors and null results pass untouched.
 */
final class ResultFormatter {
    private static final Map<ResultShape, AddressChecksumRewrite> STREAMED = Map.of(
            ResultShape.TRANSACTION, new AddressChecksumRewrite(Set.of("from", "to")),
            ResultShape.RECEIPT, new AddressChecksumRewrite(Set.of("from", "to", "contractAddress", "logs[].address")),
            ResultShape.BLOCK, new AddressChecksumRewrite(Set.of("miner", "transactions[].from", "transactions[].to")),
            ResultShape.LOGS, new AddressChecksumRewrite(Set.of("[].address")));

    /** Tree results with more elements than this are tidied on a worker, as the node verticle writes them. */
    private static final int LARGE_TREE_ELEMENTS = 1_000;
    /** Compact quantities are at most 0x and 64 digits (uint256), in quotes. */
    private static final int MAX_QUANTITY_TEXT = 2 + 2 + 64;

    private ResultFormatter() {
    }

    /**
     * {@link #format}, on a worker when the result is large and this runs on an event loop (a
     * Keccak per distinct address of hundreds of thousands of logs would stall it).
     */
    static Future<RpcResponse> formatOffLoop(String method, RpcResponse response) {
        return OffLoop.run(inputBytes(response), () -> format(method, response));
    }

    /** The size {@link OffLoop} weighs: the result's text, or for a tree (whose text is not at hand) heavy past its element bound. */
    private static long inputBytes(RpcResponse response) {
        if (response.isError()) {
            return 0;
        }
        RawJson raw = response.rawResult();
        return raw != null ? raw.length() : response.result().size() > LARGE_TREE_ELEMENTS ? OffLoop.HEAVY_BYTES : 0;
    }

    /** {@code response} tidied for {@code method}; a new response when anything is, never changed in place. */
    static RpcResponse format(String method, RpcResponse response) {
        RpcMethod known = RpcMethod.find(method);
        ResultShape shape = known == null ? ResultShape.OTHER : known.result();
        if (shape == ResultShape.OTHER || response.isError() || response.isNullResult()) {
            return response;
        }
        if (shape == ResultShape.QUANTITY && response.rawResult() != null && isCompactQuantity(response.rawResult())) {
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
            case OTHER -> {
            }
        }
        return RpcResponse.success(response.id(), result);
    }

    /**
     * True for {@code "0x0"} and {@code "0x"} plus up to 64 lowercase hex digits without a leading
     * zero: the form {@link Hex#quantity(java.math.BigInteger)} writes, so the rewrite would change nothing.
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
