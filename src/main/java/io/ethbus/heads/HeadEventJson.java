package io.ethbus.heads;

import io.ethbus.eth.Block;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON form of a {@link HeadEvent} as published on {@code ethbus.heads.<endpoint>}:
 * <pre>
 * {"type":"head","number":12,"hash":"0x..","parentHash":"0x..","timestamp":1700000000}
 * {"type":"reorg","removed":[{"number":11,"hash":"0x.."}],"added":[{"number":11,"hash":"0x.."}]}
 * {"type":"reorgTooDeep","maxDepth":64,"number":90,"hash":"0x.."}
 * </pre>
 * A reorg is followed by a head message for each added block.
 */
public final class HeadEventJson {
    private HeadEventJson() {
    }

    public static JsonObject encode(HeadEvent event) {
        if (event instanceof HeadEvent.NewHead head) {
            return header(head.block()).put("type", "head");
        } else if (event instanceof HeadEvent.Reorg reorg) {
            JsonArray removed = new JsonArray();
            reorg.removed().forEach(b -> removed.add(reference(b)));
            JsonArray added = new JsonArray();
            reorg.added().forEach(b -> added.add(reference(b)));
            return new JsonObject().put("type", "reorg").put("removed", removed).put("added", added);
        }
        HeadEvent.ReorgTooDeep deep = (HeadEvent.ReorgTooDeep) event;
        return reference(deep.newHead()).put("type", "reorgTooDeep").put("maxDepth", deep.maxDepth());
    }

    private static JsonObject header(Block b) {
        return reference(b).put("parentHash", b.parentHash().toHex()).put("timestamp", b.timestamp());
    }

    private static JsonObject reference(Block b) {
        return new JsonObject().put("number", b.number()).put("hash", b.hash().toHex());
    }
}
