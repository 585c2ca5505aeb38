package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;

/** The answer to txpool_status: how many transactions are ready to be mined and how many wait on a nonce gap. */
public record TxpoolStatus(long pending, long queued) {

    /** Decodes {@code {"pending":"0x..","queued":"0x.."}}. */
    public static TxpoolStatus fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "txpoolStatus");
        return new TxpoolStatus(f.longQuantity("pending"), f.longQuantity("queued"));
    }
}
