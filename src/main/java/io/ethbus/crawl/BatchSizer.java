package io.ethbus.crawl;

/**
 * Chooses how many blocks go into the next batch: the AIMD limit, capped so that the
 * estimated answer stays under a byte budget. The estimate follows the transactions per
 * block seen so far. Not thread-safe: used from one event loop.
 */
final class BatchSizer {
    // Rough JSON sizes measured on anvil and mainnet answers.
    private static final long HEADER_BYTES = 1_500;
    private static final long FULL_TX_BYTES = 750;
    private static final long TX_HASH_BYTES = 70;
    private static final long RECEIPT_BYTES = 800;

    private final AimdController limit;
    private final long maxBytes;
    private final boolean fullTransactions;
    private final boolean receipts;
    private double txPerBlock = 1;

    BatchSizer(AimdController limit, long maxBytes, boolean fullTransactions, boolean receipts) {
        this.limit = limit;
        this.maxBytes = maxBytes;
        this.fullTransactions = fullTransactions;
        this.receipts = receipts;
    }

    AimdController controller() {
        return limit;
    }

    /** Estimated answer bytes for one block. */
    long bytesPerBlock() {
        double perTx = (fullTransactions ? FULL_TX_BYTES : TX_HASH_BYTES) + (receipts ? RECEIPT_BYTES : 0);
        return HEADER_BYTES + (long) (txPerBlock * perTx);
    }

    int nextBlocks() {
        long byBytes = Math.max(1, maxBytes / bytesPerBlock());
        return (int) Math.max(1, Math.min(limit.limit(), byBytes));
    }

    void observe(int blocks, long transactions) {
        if (blocks > 0) {
            txPerBlock = txPerBlock * 0.7 + 0.3 * ((double) transactions / blocks);
        }
    }
}
