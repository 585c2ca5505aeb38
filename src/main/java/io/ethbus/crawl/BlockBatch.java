package io.ethbus.crawl;

/**
 * A run of blocks of one chunk to fetch in one batch, and how often it was tried; {@code reread}:
 * read again because it did not link to the blocks around it (a second break is a
 * reorganisation); {@code heldBytes}: what it counts against the memory budget until its
 * answer is measured.
 */
record BlockBatch(ChunkJob job, long first, long last, int attempt, boolean reread, long heldBytes) {
    int size() {
        return (int) (last - first + 1);
    }

    BlockBatch holding(long bytes) {
        return new BlockBatch(job, first, last, attempt, reread, bytes);
    }

    /** The same run asked for again: the next attempt, or the blocks {@code from..to} of it, holding their share. */
    BlockBatch retry(long from, long to) {
        long share = heldBytes * (to - from + 1) / size();
        return new BlockBatch(job, from, to, attempt + 1, reread, share);
    }
}
