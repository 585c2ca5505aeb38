package io.ethbus.bus;

import io.vertx.core.json.JsonObject;

/**
 * What a node replies instead of a large answer: where to pull the answer's chunks from
 * ({@code address}, stream {@code id}), how many bytes it has in all, the size of a chunk,
 * and how many chunks the consumer may have asked for and not yet taken ({@code window}).
 * Travels as a JSON body in a reply that carries the {@link RpcHeaders#STREAM} header.
 */
record ReplyStreamHeader(String address, String id, long totalBytes, int chunkBytes, int window) {
    ReplyStreamHeader {
        if (totalBytes < 0 || totalBytes > Integer.MAX_VALUE - 8 || chunkBytes < 1 || window < 1) {
            throw new IllegalArgumentException("bad stream header: " + totalBytes + " bytes, chunks of " + chunkBytes
                    + ", window " + window);
        }
    }

    int chunks() {
        return (int) ((totalBytes + chunkBytes - 1) / chunkBytes);
    }

    JsonObject toJson() {
        return new JsonObject().put("address", address).put("id", id).put("totalBytes", totalBytes)
                .put("chunkBytes", chunkBytes).put("window", window);
    }

    static ReplyStreamHeader fromJson(JsonObject json) {
        return new ReplyStreamHeader(json.getString("address"), json.getString("id"), json.getLong("totalBytes", -1L),
                json.getInteger("chunkBytes", 0), json.getInteger("window", 0));
    }
}
