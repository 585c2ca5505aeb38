package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What geth's {@code prestateTracer} answers in diff mode: the touched accounts' state before
 * the transaction ({@code pre}) and what changed ({@code post}: only the fields that changed;
 * an account missing from it was deleted).
 */
public record PrestateDiff(PrestateTrace pre, PrestateTrace post) {

    /** Decodes {@code {"pre":{...},"post":{...}}}. */
    public static PrestateDiff fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "prestateDiff");
        JsonNode pre = f.optional("pre");
        JsonNode post = f.optional("post");
        return new PrestateDiff(PrestateTrace.fromJson(pre), PrestateTrace.fromJson(post));
    }
}
