package io.ethbus.crawl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockRangeSpecTest {
    @Test
    void resolvesEveryForm() {
        assertEquals(new BlockRange(10, 20), BlockRangeSpec.parse("10:20").resolve(100));
        assertEquals(new BlockRange(10, 100), BlockRangeSpec.parse("10:").resolve(100));
        assertEquals(new BlockRange(90, 100), BlockRangeSpec.parse("latest-10:").resolve(100));
        assertEquals(new BlockRange(0, 5), BlockRangeSpec.parse("latest-10:").resolve(5));
        assertEquals(new BlockRange(7, 7), BlockRangeSpec.parse("7").resolve(100));
    }

    @Test
    void rejectsBadRanges() {
        CrawlConfigException e = assertThrows(CrawlConfigException.class, () -> BlockRangeSpec.parse("10:5"));
        assertTrue(e.getMessage().contains("after end"), e.getMessage());
        assertThrows(CrawlConfigException.class, () -> BlockRangeSpec.parse("abc:"));
        assertThrows(CrawlConfigException.class, () -> BlockRangeSpec.parse(":5"));
        assertThrows(CrawlConfigException.class, () -> BlockRangeSpec.parse("-1:5"));
        assertThrows(CrawlConfigException.class, () -> BlockRangeSpec.parse("0:500").resolve(100));
    }

    @Test
    void chunksAlignToMultiplesOfTheSize() {
        List<Chunk> chunks = new ChunkPlan(new BlockRange(950, 3100), 1000).chunks();
        assertEquals(List.of(new Chunk(950, 999), new Chunk(1000, 1999), new Chunk(2000, 2999), new Chunk(3000, 3100)), chunks);
        assertEquals("blocks__00001000_to_00001999", chunks.get(1).fileStem(Dataset.BLOCKS));
    }
}
