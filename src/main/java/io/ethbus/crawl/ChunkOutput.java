package io.ethbus.crawl;

import java.io.IOException;
import java.util.List;

/**
 * One chunk on its way into a {@link ChunkSink}: rows are appended in block order, and
 * become visible only at {@link #commit()}, all together; {@link #abort()} leaves nothing of
 * them. Blocking: used by the chunk's worker chain only, one call at a time.
 */
public interface ChunkOutput {
    /** Appends one block's rows of {@code dataset}. */
    void write(Dataset dataset, List<Row> rows) throws IOException;

    /**
     * Makes every row written visible at once, replacing what the sink held of the chunk's
     * blocks; returns what was written, for the run's summary (file paths, table chunks).
     */
    List<String> commit() throws IOException;

    /** Drops whatever was written. Never throws. */
    void abort();

    /** A fresh output for the same chunk, datasets and writer: this one's rows were dropped. */
    ChunkOutput again();
}
