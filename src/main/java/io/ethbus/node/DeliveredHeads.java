package io.ethbus.node;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The recent chain as one consumer of a head stream has received it, so that it gets each
 * event once. Why repeats happen: in a cluster one member publishes the heads, and a member
 * that takes over continues after the last head <em>it</em> saw. A head the old holder had
 * published to some members only, when it died, is published again by the new one. A head is
 * a repeat when the same hash was delivered at its number; a reorg is a repeat when every
 * block it adds was delivered already (its heads came before it, from the old holder). Keeps
 * the last {@code depth} block numbers. Used from one context only.
 */
final class DeliveredHeads {
    private final int depth;
    private final NavigableMap<Long, String> hashes = new TreeMap<>();

    DeliveredHeads(int depth) {
        this.depth = depth;
    }

    /** Whether {@code event} (in {@link HeadEventJson}'s form) is new to this consumer; records it if so. */
    boolean firstTime(JsonObject event) {
        switch (event.getString("type", "")) {
            case "head" -> {
                long number = event.getLong("number");
                String hash = event.getString("hash");
                if (hash.equals(hashes.get(number))) {
                    return false;
                }
                // A head at this number replaces whatever this consumer had from there on.
                hashes.tailMap(number, true).clear();
                hashes.put(number, hash);
                while (hashes.size() > depth) {
                    hashes.pollFirstEntry();
                }
                return true;
            }
            case "reorg" -> {
                JsonArray added = event.getJsonArray("added", new JsonArray());
                for (int i = 0; i < added.size(); i++) {
                    JsonObject block = added.getJsonObject(i);
                    if (!block.getString("hash").equals(hashes.get(block.getLong("number")))) {
                        return true;
                    }
                }
                return added.isEmpty();
            }
            default -> {
                hashes.clear(); // reorgTooDeep: the stream starts afresh
                return true;
            }
        }
    }
}
