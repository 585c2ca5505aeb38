package io.ethbus.crawl;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * How fast a crawl goes: batches in flight and blocks per batch (each adaptive, AIMD, unless
 * fixed by the options), what a block's answer weighs, and the usual latency per block. Every
 * answer and every overload feeds it. Crawl context only.
 */
final class CrawlPace {
    private static final int MAX_AUTO_CONCURRENCY = 64;
    private static final int INITIAL_AUTO_CONCURRENCY = 8;
    private static final int MAX_AUTO_BATCH = 100;
    private static final int INITIAL_AUTO_BATCH = 20;
    private static final long COOLDOWN_NANOS = Duration.ofMillis(500).toNanos();

    private final AimdController concurrency;
    private final BatchSizer sizer;
    /** Smoothed latency of a batch per block; 0 until the first answer. */
    private double nanosPerBlock;

    CrawlPace(CrawlOptions options, LongSupplier clock) {
        this.concurrency = options.concurrency() != null ? AimdController.fixed(options.concurrency())
                : new AimdController(1, MAX_AUTO_CONCURRENCY, INITIAL_AUTO_CONCURRENCY, COOLDOWN_NANOS, clock);
        AimdController batch = options.batchSize() != null ? AimdController.fixed(options.batchSize())
                : new AimdController(1, MAX_AUTO_BATCH, INITIAL_AUTO_BATCH, COOLDOWN_NANOS, clock);
        this.sizer = new BatchSizer(batch, options.maxBatchBytes());
    }

    /** Batches in flight at most, now. */
    int concurrency() {
        return concurrency.limit();
    }

    /** Blocks in the next batch: the batch-size limit, capped by what the answer would weigh. */
    int nextBlocks() {
        return sizer.nextBlocks();
    }

    /** What one block's answer is expected to weigh, in bytes. */
    long bytesPerBlock() {
        return sizer.bytesPerBlock();
    }

    /** Whether an answer has told what a block weighs. */
    boolean measured() {
        return sizer.measured();
    }

    /** A batch of {@code blocks} was answered with {@code answerBytes} after {@code latencyNanos}. */
    void answered(int blocks, long answerBytes, long latencyNanos) {
        sizer.observe(blocks, answerBytes);
        double perBlock = (double) latencyNanos / blocks;
        nanosPerBlock = nanosPerBlock == 0 ? perBlock : 0.8 * nanosPerBlock + 0.2 * perBlock;
        concurrency.onSuccess(latencyNanos);
        sizer.controller().onSuccess(latencyNanos / blocks);
    }

    /** The node is overloaded: fewer batches, fewer blocks in each. */
    void overloaded() {
        concurrency.onOverload();
        sizer.controller().onOverload();
    }

    /** An answer was cut off past {@code bytesSeen}: one of its blocks may be all of it, so sized for that until answers measure the blocks again. */
    void cutOff(long bytesSeen) {
        sizer.observe(1, bytesSeen);
    }

    /** Whether an answer has given a latency. */
    boolean latencyKnown() {
        return nanosPerBlock > 0;
    }

    /** How long a batch of {@code blocks} usually takes to be answered, in milliseconds. */
    long usualMillis(int blocks) {
        return (long) (nanosPerBlock * blocks / 1_000_000);
    }
}
