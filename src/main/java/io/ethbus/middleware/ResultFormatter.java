package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.ResultShape;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcResponse;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tidies results by the {@link ResultShape} of their method: quantities in compact hex, and
 * addresses in known fields in checksum form. Results still held as raw text are tidied while
 * being copied, so large ones never become trees. Errors and null results pass untouched.
 */
final class ResultFormatter {
    private static final Map<ResultShape, AddressChecksumRewrite> STREAMED = Map.of(
            ResultShape.TRANSACTION, new AddressChecksumRewrite(Set.of("from", "to")),
            ResultShape.RECEIPT, new AddressChecksumRewrite(Set.of("from", "to", "contractAddress", "logs[].address")),
            ResultShape.BLOCK, new AddressChecksumRewrite(Set.of("miner", "transactions[].from", "transactions[].to")),
            ResultShape.LOGS, new AddressChecksumRewrite(Set.of("[].address")));

    private ResultFormatter() {
    }

    /** {@code response} tidied for {@code method}; a new response when anything is, never changed in place. */
    static RpcResponse format(String method, RpcResponse response) {
        RpcMethod known = RpcMethod.find(method);
        ResultShape shape = known == null ? ResultShape.OTHER : known.result();
        if (shape == ResultShape.OTHER || response.isError() || response.isNullResult()) {
            return response;
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
