package io.ethbus.crawl;

import java.util.Map;

/**
 * A snapshot of a running crawl, as reported every few seconds.
 *
 * @param blocksDone  blocks fetched so far (including skipped complete chunks)
 * @param blocksTotal blocks in the range
 * @param rows        rows written this run, by dataset name
 */
public record CrawlProgress(long blocksDone, long blocksTotal, Map<String, Long> rows, long requests, long retries,
                            int concurrency, int batchSize, long elapsedMillis) {
    public CrawlProgress {
        rows = Map.copyOf(rows);
    }

    /** Blocks per second over the run so far. */
    public double blocksPerSecond() {
        return elapsedMillis == 0 ? 0 : blocksDone * 1000.0 / elapsedMillis;
    }

    /** One plain line: {@code 1200/5000 blocks (24%), 812 blocks/s, ETA 5 s, 3000 rows, 40 requests, 0 retries}. */
    public String line() {
        long pct = blocksTotal == 0 ? 100 : blocksDone * 100 / blocksTotal;
        double rate = blocksPerSecond();
        String eta = rate > 0 ? Math.round((blocksTotal - blocksDone) / rate) + " s" : "?";
        long rowCount = rows.values().stream().mapToLong(Long::longValue).sum();
        return String.format(java.util.Locale.ROOT,
                "%d/%d blocks (%d%%), %.0f blocks/s, ETA %s, %d rows, %d requests, %d retries, concurrency %d, batch %d",
                blocksDone, blocksTotal, pct, rate, eta, rowCount, requests, retries, concurrency, batchSize);
    }
}
