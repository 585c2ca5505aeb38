package io.ethbus.middleware;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A size-bounded map that drops the least recently used entry when full, and counts hits
 * and misses. Not thread-safe: each instance belongs to one middleware of one verticle
 * instance, used from its event loop only.
 *
 * <pre>LruCache&lt;String, JsonNode&gt; cache = new LruCache&lt;&gt;(4096);</pre>
 */
public final class LruCache<K, V> {
    private final int maxEntries;
    private final LinkedHashMap<K, V> entries;
    private long hits;
    private long misses;

    public LruCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        // Access order: a get moves the entry to the young end, so eviction takes the least recently used.
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > LruCache.this.maxEntries;
            }
        };
    }

    /** The value for {@code key}, or null; counts a hit or a miss and marks the entry as just used. */
    public V get(K key) {
        V value = entries.get(key);
        if (value == null) {
            misses++;
        } else {
            hits++;
        }
        return value;
    }

    /** Stores {@code value} (not null), evicting the least recently used entry when full. */
    public void put(K key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("an LruCache does not hold null values");
        }
        entries.put(key, value);
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public void clear() {
        entries.clear();
    }

    public boolean containsKey(K key) {
        return entries.containsKey(key);
    }

    public int size() {
        return entries.size();
    }

    public int maxEntries() {
        return maxEntries;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
