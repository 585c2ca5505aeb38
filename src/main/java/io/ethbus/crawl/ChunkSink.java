package io.ethbus.crawl;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Where a crawl's chunks go: files in a directory ({@link FileChunkSink}), or tables in a
 * database. The crawl's scheduling, fetching and checks are the same for every sink; a sink
 * only says which chunks it holds already and makes a chunk's rows visible all at once, or not
 * at all. Every method blocks: call from worker threads only.
 */
public interface ChunkSink {
    /**
     * Checks the target and readies it for {@code datasets}, before any block is fetched: clears
     * what crashed writers left, creates what is missing.
     *
     * @throws CrawlConfigException when the target cannot take the crawl (unreachable, refused,
     *                              holding something else under the same name)
     */
    void prepare(List<Dataset> datasets) throws IOException;

    /** One look at what the sink holds now. */
    StoredChunks look() throws IOException;

    /** The name of {@code chunk} in a {@link ChunkLedger} shared by crawlers writing to this sink. */
    String claimKey(Chunk chunk);

    /** Keeps the summary of a finished run beside the data; returns where it went. */
    String report(CrawlSummary summary, Instant finishedAt) throws IOException;

    /** Where the chunks go, for people (secrets masked). */
    String describe();

    /**
     * Whether a following crawl repairs a reorganisation below blocks it wrote: one step that
     * deletes the orphaned blocks' rows and adds the new chain's ({@link StoredChunks#openReplacing}),
     * instead of failing. Files cannot: replacing several files is not one step.
     */
    default boolean repairsReorgs() {
        return false;
    }
}
