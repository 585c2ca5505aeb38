package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.Excerpt;
import io.ethbus.rpc.MalformedResponseException;

/**
 * The answer to eth_syncing: either not syncing, or syncing with the node's progress
 * (block numbers null when the node leaves them out).
 */
public record SyncStatus(boolean syncing, Long startingBlock, Long currentBlock, Long highestBlock) {
    /** What a node in sync answers ({@code false}). */
    public static final SyncStatus NOT_SYNCING = new SyncStatus(false, null, null, null);

    /** Decodes {@code false} or the progress object {@code {"startingBlock":"0x..",...}}. */
    public static SyncStatus fromJson(JsonNode node) {
        if (node != null && node.isBoolean() && !node.booleanValue()) {
            return NOT_SYNCING;
        }
        if (node == null || !node.isObject()) {
            throw new MalformedResponseException(null, null,
                    "expected false or a sync progress object, got " + (node == null ? "nothing" : Excerpt.of(node.toString())));
        }
        JsonFields f = JsonFields.of(node, "syncStatus");
        return new SyncStatus(true, f.optLong("startingBlock"), f.optLong("currentBlock"), f.optLong("highestBlock"));
    }
}
