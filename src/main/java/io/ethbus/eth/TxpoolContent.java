package io.ethbus.eth;

import io.ethbus.primitives.Address;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.Map;

/**
 * The answer to txpool_content: every transaction in the pool, by sender and then by nonce
 * (in nonce order), split into pending (ready to be mined) and queued (waiting on a nonce gap).
 */
public record TxpoolContent(Map<Address, Map<BigInteger, Transaction>> pending,
                            Map<Address, Map<BigInteger, Transaction>> queued) {
    public TxpoolContent {
        pending = Map.copyOf(pending);
        queued = Map.copyOf(queued);
    }

    /** Decodes {@code {"pending":{sender:{nonce:transaction}},"queued":{...}}}. */
    public static TxpoolContent fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "txpoolContent");
        return new TxpoolContent(
                TxpoolSenders.read(f, "pending", (tx, path) -> Transaction.fromJson(tx)),
                TxpoolSenders.read(f, "queued", (tx, path) -> Transaction.fromJson(tx)));
    }
}
