package io.ethbus.crawl;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The chain changed under the crawl below blocks it has passed: a run still did not link when
 * read again. Carries what a sink that can repair needs to find where the chains part: the
 * hashes of the last blocks passed, and the last block planned (nothing above it was written).
 */
final class ChainReorgException extends CrawlException {
    private final transient NavigableMap<Long, String> passed;
    private final long brokenAt;
    private final long planned;

    ChainReorgException(String message, NavigableMap<Long, String> passed, long brokenAt, long planned) {
        super(message, null);
        this.passed = new TreeMap<>(passed);
        this.brokenAt = brokenAt;
        this.planned = planned;
    }

    /**
     * The first block of the run that did not link to the blocks before it: the chains part
     * below it. (Blocks above it may have passed, linking among themselves on the new chain.)
     */
    long brokenAt() {
        return brokenAt;
    }

    /** Block number to hash of the last blocks that passed the link checks, newest last. */
    NavigableMap<Long, String> passed() {
        return passed;
    }

    /** The last block the crawl had planned: no row of a later block was written. */
    long planned() {
        return planned;
    }
}
