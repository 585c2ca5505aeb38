package io.ethbus.crawl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** What a crawl has done so far: chunks, blocks, rows, files, requests, retries. Crawl context only. */
final class RunStats {
    private final CrawlOptions options;
    private final LongSupplier clock;
    private final long startNanos;
    private final Map<Dataset, Long> rows = new HashMap<>();
    private final List<String> files = new ArrayList<>();
    private int chunks;
    private int chunksWritten;
    private int chunksSkipped;
    private long blocksSkipped;
    private long blocksFetched;
    private long httpRequests;
    private long calls;
    private long retries;
    private long hedges;

    RunStats(CrawlOptions options, LongSupplier clock) {
        this.options = options;
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        options.datasets().forEach(d -> rows.put(d, 0L));
    }

    void planned(int chunkCount) {
        chunks += chunkCount;
    }

    /** Chunks whose files exist already, or that another crawler wrote. */
    void skipped(int chunkCount, long blocks) {
        chunksSkipped += chunkCount;
        blocksSkipped += blocks;
    }

    /** Blocks fetched; negative for blocks that are to be read again. */
    void fetched(long blocks) {
        blocksFetched += blocks;
    }

    /** Requests sent: HTTP requests, and JSON-RPC calls in them. */
    void sent(long requests, long callCount) {
        httpRequests += requests;
        calls += callCount;
    }

    void retried(long times) {
        retries += times;
    }

    void hedged() {
        hedges++;
    }

    /** Rows written to temporary files; negative counts take back rows of files dropped. */
    void rows(Map<Dataset, Long> counts) {
        counts.forEach((d, n) -> rows.merge(d, n, Long::sum));
    }

    /** A chunk's files are in place, at these paths relative to the output directory. */
    void written(List<String> chunkFiles) {
        chunksWritten++;
        files.addAll(chunkFiles);
    }

    CrawlProgress snapshot(long blocksPlanned, int concurrency, int batchSize) {
        return new CrawlProgress(blocksFetched + blocksSkipped, blocksPlanned, rowsByName(), httpRequests, retries,
                concurrency, batchSize, (clock.getAsLong() - startNanos) / 1_000_000);
    }

    /** The summary of the run, from its last snapshot; {@code range} as crawled. */
    CrawlSummary summary(String range, CrawlProgress last, int concurrency, int batchSize) {
        return new CrawlSummary(range, options.format().extension(),
                options.datasets().stream().map(Dataset::wireName).toList(), chunks, chunksWritten, chunksSkipped,
                blocksFetched, rowsByName(), httpRequests, calls, retries, hedges, last.elapsedMillis(),
                last.elapsedMillis() == 0 ? 0 : blocksFetched * 1000.0 / last.elapsedMillis(),
                concurrency, batchSize, files);
    }

    private Map<String, Long> rowsByName() {
        Map<String, Long> rowsByName = new LinkedHashMap<>();
        // in the order the datasets were asked for
        for (Dataset d : options.datasets()) {
            Long n = rows.get(d);
            if (n != null) {
                rowsByName.put(d.wireName(), n);
            }
        }
        return rowsByName;
    }
}
