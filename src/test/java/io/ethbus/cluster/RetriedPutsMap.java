package io.ethbus.cluster;

import io.vertx.core.Future;
import io.vertx.core.shareddata.AsyncMap;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A shared-data map whose every {@code putIfAbsent} is applied and then retried, answering
 * with the retry's result: what a caller sees when Hazelcast applied an operation, lost the
 * answer (a member left, a partition moved) and ran it again. Everything else is passed through.
 */
final class RetriedPutsMap<K, V> implements AsyncMap<K, V> {
    private final AsyncMap<K, V> map;

    RetriedPutsMap(AsyncMap<K, V> map) {
        this.map = map;
    }

    @Override
    public Future<V> putIfAbsent(K k, V v) {
        return map.putIfAbsent(k, v).compose(applied -> map.putIfAbsent(k, v));
    }

    @Override
    public Future<V> putIfAbsent(K k, V v, long ttl) {
        return map.putIfAbsent(k, v, ttl).compose(applied -> map.putIfAbsent(k, v, ttl));
    }

    @Override
    public Future<V> get(K k) {
        return map.get(k);
    }

    @Override
    public Future<Void> put(K k, V v) {
        return map.put(k, v);
    }

    @Override
    public Future<Void> put(K k, V v, long ttl) {
        return map.put(k, v, ttl);
    }

    @Override
    public Future<V> remove(K k) {
        return map.remove(k);
    }

    @Override
    public Future<Boolean> removeIfPresent(K k, V v) {
        return map.removeIfPresent(k, v);
    }

    @Override
    public Future<V> replace(K k, V v) {
        return map.replace(k, v);
    }

    @Override
    public Future<Boolean> replaceIfPresent(K k, V oldValue, V newValue) {
        return map.replaceIfPresent(k, oldValue, newValue);
    }

    @Override
    public Future<Void> clear() {
        return map.clear();
    }

    @Override
    public Future<Integer> size() {
        return map.size();
    }

    @Override
    public Future<Set<K>> keys() {
        return map.keys();
    }

    @Override
    public Future<List<V>> values() {
        return map.values();
    }

    @Override
    public Future<Map<K, V>> entries() {
        return map.entries();
    }
}
