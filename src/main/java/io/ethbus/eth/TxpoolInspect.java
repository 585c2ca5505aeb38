package io.ethbus.eth;

import io.ethbus.primitives.Address;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.MalformedResponseException;

import java.math.BigInteger;
import java.util.Map;

/**
 * The answer to txpool_inspect: the node's one-line summary of each transaction in the pool
 * (such as {@code "0x7099…: 16 wei + 21000 gas × 2000000000 wei"}), by sender and nonce, as
 * in {@link TxpoolContent}. The summary's wording is the node's and is not parsed.
 */
public record TxpoolInspect(Map<Address, Map<BigInteger, String>> pending, Map<Address, Map<BigInteger, String>> queued) {
    public TxpoolInspect {
        pending = Map.copyOf(pending);
        queued = Map.copyOf(queued);
    }

    /** Decodes {@code {"pending":{sender:{nonce:summary}},"queued":{...}}}. */
    public static TxpoolInspect fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "txpoolInspect");
        return new TxpoolInspect(TxpoolSenders.read(f, "pending", TxpoolInspect::summary),
                TxpoolSenders.read(f, "queued", TxpoolInspect::summary));
    }

    private static String summary(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw new MalformedResponseException(null, null, path + " must be a string, got " + value.getNodeType());
        }
        return value.textValue();
    }
}
