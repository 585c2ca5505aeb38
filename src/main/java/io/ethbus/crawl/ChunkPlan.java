package io.ethbus.crawl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a range into chunks whose bounds are multiples of the chunk size (cut at the range's
 * ends), so that runs over overlapping ranges name the same chunk the same way and resume.
 */
public record ChunkPlan(BlockRange range, int chunkSize) {
    public ChunkPlan {
        if (chunkSize <= 0) {
            throw new CrawlConfigException("--chunk-size must be positive, got " + chunkSize);
        }
    }

    public List<Chunk> chunks() {
        List<Chunk> chunks = new ArrayList<>();
        long start = range.first();
        while (start <= range.last()) {
            long alignedEnd = (start / chunkSize + 1) * chunkSize - 1;
            long end = Math.min(alignedEnd, range.last());
            chunks.add(new Chunk(start, end));
            start = end + 1;
        }
        return chunks;
    }
}
