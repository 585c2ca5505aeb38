package io.ethbus.crawl;

/**
 * Chooses how many blocks go into the next batch: the AIMD limit, capped so that the answer
 * stays under a byte budget. The bytes a block costs are measured on the node's answers, not
 * guessed from transaction counts: a chain's blocks range from a few KB to tens of MB of JSON
 * (large calldata), and a guess sized for the first kind asks for hundreds of MB of the second.
 * Until the first answer is measured, batches hold one block: the probe. Not thread-safe: used
 * from one event loop.
 */
final class BatchSizer {
    private final AimdController limit;
    private final long maxBytes;
    /** Answer bytes per block, smoothed; 0 until an answer was measured. */
    private double bytesPerBlock;

    BatchSizer(AimdController limit, long maxBytes) {
        this.limit = limit;
        this.maxBytes = maxBytes;
    }

    AimdController controller() {
        return limit;
    }

    /** True once an answer told what the blocks cost; before, only the probe should be out. */
    boolean measured() {
        return bytesPerBlock > 0;
    }

    /** Answer bytes one block is expected to cost (0 before the first answer). */
    long bytesPerBlock() {
        return (long) Math.ceil(bytesPerBlock);
    }

    int nextBlocks() {
        if (!measured()) {
            return 1;
        }
        long byBytes = Math.max(1, maxBytes / Math.max(1, bytesPerBlock()));
        return (int) Math.max(1, Math.min(limit.limit(), byBytes));
    }

    /** Records what an answer of {@code blocks} blocks cost in bytes. */
    void observe(int blocks, long answerBytes) {
        if (blocks <= 0) {
            return;
        }
        double seen = (double) answerBytes / blocks;
        // up at once, down slowly: a run of large blocks must not be asked for in batches sized for small ones
        bytesPerBlock = seen >= bytesPerBlock ? seen : 0.8 * bytesPerBlock + 0.2 * seen;
    }
}
