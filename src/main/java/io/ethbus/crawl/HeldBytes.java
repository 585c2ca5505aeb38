package io.ethbus.crawl;

/**
 * The node's answer bytes a crawl holds: blocks asked for (by estimate until their answer is
 * measured) and blocks answered but not yet written. New work waits while the total would pass
 * the budget, so large blocks slow a crawl down instead of running it out of memory. The crawl
 * sends one batch whatever the budget when nothing is in flight: a block larger than the budget
 * is still crawled, alone.
 * Not thread-safe: used from the crawl's context.
 */
final class HeldBytes {
    /**
     * An answer costs several times its JSON while held: the text, the rows read from it (the
     * hex strings again) and the writers' buffers. A sixth of the heap leaves room for all of them.
     */
    private static final int HEAP_SHARE = 6;
    private static final long MIN_BUDGET = 4L << 20;
    /** Beyond this, more held blocks buy no speed: the node is the limit long before. */
    private static final long MAX_BUDGET = 64L << 20;

    private final long budget;
    private long held;

    HeldBytes(long budget) {
        this.budget = budget;
    }

    /** The budget for a JVM whose heap can grow to {@code maxHeap} bytes. */
    static HeldBytes forHeap(long maxHeap) {
        return new HeldBytes(Math.max(MIN_BUDGET, Math.min(MAX_BUDGET, maxHeap / HEAP_SHARE)));
    }

    long budget() {
        return budget;
    }

    long held() {
        return held;
    }

    /** Whether work expected to cost {@code bytes} may be sent now. */
    boolean allows(long bytes) {
        return held + bytes <= budget;
    }

    /** Counts {@code bytes} more as held (negative: fewer, when an answer was smaller than its estimate). */
    void add(long bytes) {
        held += bytes;
    }

    void release(long bytes) {
        held -= bytes;
    }
}
