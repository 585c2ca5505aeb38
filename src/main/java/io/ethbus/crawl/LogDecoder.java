package io.ethbus.crawl;

import java.util.List;
import java.util.Set;

/**
 * What turns a log into the rows of an event dataset: none when the log is not the dataset's
 * event (another topic0, another number of topics, data that does not decode). The crawl
 * offers it only logs of its {@link #topic0s()} and {@link #contracts()}. Implementations are
 * immutable and thread-safe: rows are read on several workers.
 */
public interface LogDecoder {
    /**
     * The first topics (lowercase 0x hex) of the logs this decoder may turn into rows, so that a
     * log is offered only to the decoders of its topic0; empty when any log may be one (an
     * anonymous event has no topic0).
     */
    List<String> topic0s();

    /** The contracts (lowercase 0x hex) whose logs the decoder takes; empty for any. */
    Set<String> contracts();

    /** The columns of the rows {@link #decode} adds, the log's position columns first. */
    List<Column> columns();

    /** Adds the rows of {@code log}, one of its topic0s and contracts, to {@code out}: none, one, or several (a batch transfer). */
    void decode(ScannedLog log, List<Row> out);
}
