package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One account as geth's {@code prestateTracer} reports it. Each field is null when the tracer
 * left it out: the account had no such state, or (in diff mode) it did not change.
 *
 * @param storage the slots the transaction touched, slot to value; empty when none
 */
public record PrestateAccount(BigInteger balance, BigInteger nonce, Bytes code, Map<Hash, Hash> storage) {
    public PrestateAccount {
        storage = storage == null ? Map.of() : Map.copyOf(storage);
    }

    /** Decodes {@code {"balance":"0x..","nonce":1,"code":"0x..","storage":{"0x..":"0x.."}}}. */
    public static PrestateAccount fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "prestateAccount");
        Map<Hash, Hash> storage = new LinkedHashMap<>();
        JsonNode slots = f.optional("storage");
        if (slots != null) {
            JsonFields.of(slots, "prestateAccount.storage");
            slots.fields().forEachRemaining(e -> storage.put(Hash.of(e.getKey()),
                    JsonFields.parse(e.getValue(), "prestateAccount.storage." + e.getKey(), Hash::of)));
        }
        return new PrestateAccount(f.optQuantity("balance"), f.optQuantityOrNumber("nonce"), f.optBytes("code"),
                storage);
    }
}
