package io.ethbus.crawl;

import java.util.List;

/** What a {@link ChunkSink} held at one look, and how a chunk is written into it. */
public interface StoredChunks {
    /** True when {@code dataset}'s rows of every block of {@code chunk} are stored (by the chunk itself or a longer one). */
    boolean covers(Chunk chunk, Dataset dataset);

    /**
     * The output of {@code chunk}'s {@code datasets}, written by {@code writer} (letters, digits,
     * dashes). Nothing is opened before the first write; the chunk replaces the rows this sink
     * holds of its blocks when it commits.
     */
    ChunkOutput open(Chunk chunk, List<Dataset> datasets, String writer);

    /**
     * Like {@link #open}, but the commit also replaces the rows of the blocks after the chunk up
     * to {@code replaceThrough}, in the same step: the repair of a reorganisation, whose orphaned
     * blocks may reach above the new chain's end. Only for a sink that
     * {@linkplain ChunkSink#repairsReorgs() repairs reorganisations}.
     */
    default ChunkOutput openReplacing(Chunk chunk, List<Dataset> datasets, String writer, long replaceThrough) {
        throw new UnsupportedOperationException("this sink does not repair reorganisations");
    }
}
