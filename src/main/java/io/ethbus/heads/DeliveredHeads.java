package io.ethbus.heads;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The recent chain as one consumer of a head stream has received it, so that it gets each
 * event once. Why repeats happen: in a cluster one member publishes the heads, and a member
 * that takes over continues after the last head <em>it</em> saw. A head the old holder had
 * published to some members only, when it died, is published again by the new one, and so
 * is a reorg (the new holder finds the same switch of branch, perhaps with more blocks
 * added). A head is a repeat when the same hash was delivered at its number; a reorg is a
 * repeat when none of the blocks it removes is still this consumer's (the old holder's reorg
 * and heads replaced them). Keeps the last {@code depth} block numbers; a reorg reaching
 * below them is delivered. Used from one context only.
 */
public final class DeliveredHeads {
    private final int depth;
    private final NavigableMap<Long, String> hashes = new TreeMap<>();

    public DeliveredHeads(int depth) {
        this.depth = depth;
    }

    /** Whether {@code event} (in {@link HeadEventJson}'s form) is new to this consumer; records it if so. */
    public boolean firstTime(JsonObject event) {
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
                JsonArray removed = event.getJsonArray("removed", new JsonArray());
                for (int i = 0; i < removed.size(); i++) {
                    JsonObject block = removed.getJsonObject(i);
                    long number = block.getLong("number");
                    if (hashes.isEmpty() || number < hashes.firstKey() || block.getString("hash").equals(hashes.get(number))) {
                        return true; // a block this consumer still has, or may have: the reorg is news
                    }
                }
                return removed.isEmpty();
            }
            default -> {
                hashes.clear(); // reorgTooDeep: the stream starts afresh
                return true;
            }
        }
    }
}
