package io.ethbus.bus;

import io.vertx.core.buffer.Buffer;

/**
 * One large reply a node verticle hands out in chunks: the serialised answer, how many chunks
 * the consumer has been given ({@code served}) and how many it says it has taken
 * ({@code taken}). A chunk is handed out only while fewer than {@code window} are given and
 * not yet taken, so at most {@code window} chunks are ever in flight. Used from the owning
 * verticle's context only.
 */
final class ChunkedReply {
    private final String id;
    private final Buffer bytes;
    private final int chunkBytes;
    private final int window;
    private final int chunks;
    private int served;
    private int taken;
    private long idleTimer = -1;

    ChunkedReply(String id, Buffer bytes, int chunkBytes, int window) {
        this.id = id;
        this.bytes = bytes;
        this.chunkBytes = chunkBytes;
        this.window = window;
        this.chunks = (bytes.length() + chunkBytes - 1) / chunkBytes;
    }

    String id() {
        return id;
    }

    int totalBytes() {
        return bytes.length();
    }

    int chunks() {
        return chunks;
    }

    /** Every chunk has been handed out. */
    boolean done() {
        return served == chunks;
    }

    /**
     * The next chunk (a view on the reply, not a copy), once the consumer reports
     * {@code takenNow} chunks taken; fails when that leaves no credit or contradicts itself.
     */
    Buffer next(int takenNow) {
        if (takenNow < taken || takenNow > served) {
            throw new IllegalArgumentException("stream " + id + ": taken " + takenNow + " after " + taken
                    + " with " + served + " served");
        }
        taken = takenNow;
        if (done()) {
            throw new IllegalArgumentException("stream " + id + ": all " + chunks + " chunks were served");
        }
        if (served - taken >= window) {
            throw new IllegalArgumentException("stream " + id + ": no credit, " + (served - taken)
                    + " chunks in flight of a window of " + window);
        }
        int start = served * chunkBytes;
        served++;
        return bytes.slice(start, Math.min(bytes.length(), start + chunkBytes));
    }

    /** Index of the chunk {@link #next} returned last. */
    int lastServed() {
        return served - 1;
    }

    /** Bytes handed out and not yet reported taken. */
    long inFlightBytes() {
        return bytesBefore(served) - bytesBefore(taken);
    }

    private long bytesBefore(int chunk) {
        return Math.min((long) chunk * chunkBytes, bytes.length());
    }

    long idleTimer() {
        return idleTimer;
    }

    void idleTimer(long timer) {
        this.idleTimer = timer;
    }
}
