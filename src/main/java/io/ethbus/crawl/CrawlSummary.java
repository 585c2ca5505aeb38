package io.ethbus.crawl;

import java.util.List;
import java.util.Map;

/**
 * What a crawl did; also written as JSON to {@code outDir/.ethbus/}.
 *
 * @param range          the resolved block range
 * @param chunks         chunks in the plan
 * @param chunksWritten  chunks fetched and written this run
 * @param chunksSkipped  chunks whose files were already complete, or written by another crawler sharing the directory
 * @param blocksFetched  blocks fetched this run
 * @param rows           rows written this run, by dataset name
 * @param httpRequests   HTTP requests (batches) sent
 * @param calls          JSON-RPC calls inside them
 * @param retries        batches sent again after a failure
 * @param hedges         batches sent a second time because the first stayed unanswered long past the usual latency
 * @param files          files written this run, relative to the output directory (into a database: each
 *                       chunk's dataset and blocks)
 */
public record CrawlSummary(String range, String format, List<String> datasets, int chunks, int chunksWritten,
                           int chunksSkipped, long blocksFetched, Map<String, Long> rows, long httpRequests,
                           long calls, long retries, long hedges, long elapsedMillis, double blocksPerSecond,
                           int finalConcurrency, int finalBatchSize, List<String> files) {
    public CrawlSummary {
        datasets = List.copyOf(datasets);
        // keeps the datasets' order for printing
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
        files = List.copyOf(files);
    }
}
