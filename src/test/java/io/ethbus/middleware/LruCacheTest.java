package io.ethbus.middleware;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LruCacheTest {
    @Test
    void evictsTheLeastRecentlyUsedEntryWhenFull() {
        LruCache<String, Integer> cache = new LruCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertEquals(1, cache.get("a")); // a is now younger than b
        cache.put("c", 3);
        assertEquals(2, cache.size());
        assertFalse(cache.containsKey("b"));
        assertTrue(cache.containsKey("a"));
        assertTrue(cache.containsKey("c"));
    }

    @Test
    void countsHitsAndMisses() {
        LruCache<String, Integer> cache = new LruCache<>(4);
        assertNull(cache.get("a"));
        cache.put("a", 1);
        cache.get("a");
        cache.get("a");
        assertEquals(2, cache.hits());
        assertEquals(1, cache.misses());
    }

    @Test
    void clearEmptiesAndRejectsNonsense() {
        LruCache<String, Integer> cache = new LruCache<>(4);
        cache.put("a", 1);
        cache.clear();
        assertEquals(0, cache.size());
        assertThrows(IllegalArgumentException.class, () -> new LruCache<String, Integer>(0));
        assertThrows(IllegalArgumentException.class, () -> cache.put("a", null));
    }
}
