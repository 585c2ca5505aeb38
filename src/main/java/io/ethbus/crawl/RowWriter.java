package io.ethbus.crawl;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams rows of one dataset into one file. Blocking I/O: used from worker threads only.
 * {@link #close()} finishes the file (footer, flush); a writer that is not closed leaves an
 * incomplete file behind.
 */
public interface RowWriter extends Closeable {
    void write(Row row) throws IOException;
}
