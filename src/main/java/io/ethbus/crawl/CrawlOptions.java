package io.ethbus.crawl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to crawl and how.
 *
 * @param outDir         where the chunk files go; the run report goes to {@code outDir/.ethbus/}
 * @param blocks         the block range, resolved against the head when the crawl starts
 * @param datasets       what to extract
 * @param format         the file format
 * @param chunkSize      blocks per file
 * @param concurrency    batches in flight, or null to adapt (AIMD)
 * @param batchSize      blocks per batch, or null to adapt (AIMD)
 * @param maxRps         JSON-RPC calls per second at most, or null for no limit
 * @param overwrite      redo chunks whose files exist
 * @param maxRetries     attempts after the first for one batch before the crawl fails
 * @param maxBatchBytes  estimated answer size a batch must stay under (some clients cap bodies at 10 MB)
 * @param receiptSource  how receipts are fetched first
 * @param progressEvery  how often progress is reported
 * @param follow         after the range, keep crawling new blocks as the chain grows, until stopped
 * @param reorgBuffer    with {@code follow}: blocks to stay behind the head, so that a reorganisation
 *                       no deeper than this never reaches the files
 * @param pollEvery      with {@code follow}: how often the head is asked for once the crawl has caught up
 */
public record CrawlOptions(Path outDir, BlockRangeSpec blocks, List<Dataset> datasets, OutputFormat format,
                           int chunkSize, Integer concurrency, Integer batchSize, Double maxRps, boolean overwrite,
                           int maxRetries, long maxBatchBytes, ReceiptSource receiptSource, Duration progressEvery,
                           boolean follow, int reorgBuffer, Duration pollEvery) {
    public static final int DEFAULT_CHUNK_SIZE = 1000;
    public static final int DEFAULT_MAX_RETRIES = 8;
    public static final long DEFAULT_MAX_BATCH_BYTES = 2L << 20;
    public static final int DEFAULT_REORG_BUFFER = 12;
    public static final Duration DEFAULT_POLL_EVERY = Duration.ofSeconds(2);

    public CrawlOptions {
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(blocks, "blocks");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(receiptSource, "receiptSource");
        Objects.requireNonNull(progressEvery, "progressEvery");
        Objects.requireNonNull(pollEvery, "pollEvery");
        datasets = List.copyOf(datasets);
        if (datasets.isEmpty()) {
            throw new CrawlConfigException("no dataset to crawl");
        }
        if (chunkSize <= 0) {
            throw new CrawlConfigException("--chunk-size must be positive, got " + chunkSize);
        }
        if (concurrency != null && concurrency <= 0) {
            throw new CrawlConfigException("--concurrency must be positive or auto, got " + concurrency);
        }
        if (batchSize != null && batchSize <= 0) {
            throw new CrawlConfigException("--batch-size must be positive or auto, got " + batchSize);
        }
        if (maxRps != null && !(maxRps > 0)) {
            throw new CrawlConfigException("--max-rps must be positive, got " + maxRps);
        }
        if (reorgBuffer < 0) {
            throw new CrawlConfigException("--reorg-buffer must not be negative, got " + reorgBuffer);
        }
        if (pollEvery.isNegative() || pollEvery.isZero()) {
            throw new CrawlConfigException("the head poll interval must be positive, got " + pollEvery);
        }
        if (maxRetries < 0 || maxBatchBytes <= 0) {
            throw new CrawlConfigException("maxRetries must not be negative and maxBatchBytes must be positive");
        }
    }

    /** Defaults for everything but the essentials: adaptive, no rate limit, chunks of 1000. */
    public static CrawlOptions of(Path outDir, BlockRangeSpec blocks, List<Dataset> datasets, OutputFormat format) {
        return new CrawlOptions(outDir, blocks, datasets, format, DEFAULT_CHUNK_SIZE, null, null, null, false,
                DEFAULT_MAX_RETRIES, DEFAULT_MAX_BATCH_BYTES, ReceiptSource.BLOCK, Duration.ofSeconds(2), false,
                DEFAULT_REORG_BUFFER, DEFAULT_POLL_EVERY);
    }

    public CrawlOptions withChunkSize(int size) {
        return new CrawlOptions(outDir, blocks, datasets, format, size, concurrency, batchSize, maxRps, overwrite,
                maxRetries, maxBatchBytes, receiptSource, progressEvery, follow, reorgBuffer, pollEvery);
    }

    public CrawlOptions withConcurrency(Integer n) {
        return new CrawlOptions(outDir, blocks, datasets, format, chunkSize, n, batchSize, maxRps, overwrite,
                maxRetries, maxBatchBytes, receiptSource, progressEvery, follow, reorgBuffer, pollEvery);
    }

    public CrawlOptions withBatchSize(Integer n) {
        return new CrawlOptions(outDir, blocks, datasets, format, chunkSize, concurrency, n, maxRps, overwrite,
                maxRetries, maxBatchBytes, receiptSource, progressEvery, follow, reorgBuffer, pollEvery);
    }

    public CrawlOptions withMaxRps(Double rps) {
        return new CrawlOptions(outDir, blocks, datasets, format, chunkSize, concurrency, batchSize, rps, overwrite,
                maxRetries, maxBatchBytes, receiptSource, progressEvery, follow, reorgBuffer, pollEvery);
    }

    public CrawlOptions withOverwrite(boolean o) {
        return new CrawlOptions(outDir, blocks, datasets, format, chunkSize, concurrency, batchSize, maxRps, o,
                maxRetries, maxBatchBytes, receiptSource, progressEvery, follow, reorgBuffer, pollEvery);
    }

    public CrawlOptions withReceiptSource(ReceiptSource source) {
        return new CrawlOptions(outDir, blocks, datasets, format, chunkSize, concurrency, batchSize, maxRps, overwrite,
                maxRetries, maxBatchBytes, source, progressEvery, follow, reorgBuffer, pollEvery);
    }

    public CrawlOptions withProgressEvery(Duration every) {
        return new CrawlOptions(outDir, blocks, datasets, format, chunkSize, concurrency, batchSize, maxRps, overwrite,
                maxRetries, maxBatchBytes, receiptSource, every, follow, reorgBuffer, pollEvery);
    }

    /** Follows the chain after the range, {@code buffer} blocks behind the head, asking for it every {@code poll}. */
    public CrawlOptions withFollow(boolean f, int buffer, Duration poll) {
        return new CrawlOptions(outDir, blocks, datasets, format, chunkSize, concurrency, batchSize, maxRps, overwrite,
                maxRetries, maxBatchBytes, receiptSource, progressEvery, f, buffer, poll);
    }

    boolean needsReceipts() {
        return datasets.stream().anyMatch(Dataset::needsReceipts);
    }

    /**
     * True when event datasets read their logs with eth_getLogs per batch of blocks (beside the
     * headers, for block hash and time): when no dataset needs receipts. Otherwise they are
     * decoded from the logs of the receipts the crawl fetches anyway. The cheaper route in both
     * cases, in calls and in bytes: the headers are read either way; for a batch of B blocks
     * eth_getLogs adds one call answering only the logs asked for, the receipts add B calls
     * (one per transaction without eth_getBlockReceipts) answering every log and every
     * receipt's fields; when the receipts are fetched anyway they add nothing, and eth_getLogs
     * would add a call and the logs again.
     */
    public boolean eventsFromGetLogs() {
        return !needsReceipts() && datasets.stream().anyMatch(d -> d.decoder() != null);
    }
}
