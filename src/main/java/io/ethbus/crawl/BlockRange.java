package io.ethbus.crawl;

/**
 * An inclusive range of block numbers, {@code first..last}.
 */
public record BlockRange(long first, long last) {
    public BlockRange {
        if (first < 0) {
            throw new CrawlConfigException("block range starts below 0: " + first);
        }
        if (last < first) {
            throw new CrawlConfigException("block range " + first + ":" + last + " is empty: start " + first
                    + " is after end " + last);
        }
    }

    public long size() {
        return last - first + 1;
    }

    @Override
    public String toString() {
        return first + ":" + last;
    }
}
