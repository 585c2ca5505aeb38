package io.ethbus.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketListener;
import io.github.bucket4j.SchedulingBucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.grid.hazelcast.Bucket4jHazelcast;
import io.github.bucket4j.grid.hazelcast.HazelcastProxyManager;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where the token buckets of the rate budgets live (bucket4j): in a Hazelcast map of the
 * cluster, updated by entry processors on the member that owns the bucket's key, so every
 * member takes its turns from the same bucket; or, when Vert.x is not clustered, in the
 * Vert.x instance's local shared data, so its verticle instances share one bucket.
 */
final class RateBudgetBuckets {
    /** The Hazelcast map of the buckets, one entry per endpoint and rate. */
    static final String MAP = "ethbus.rate-budgets";
    /** First of the Hazelcast serializer type ids of bucket4j's entry processors (four ids from here). */
    static final int SERIALIZER_TYPE_ID_BASE = 7_100;
    /** Budget left unused this long may still be spent at once: a small burst after idleness. */
    static final long BURST_MILLIS = 50;
    /** A bucket full for this long is dropped from the map; a missing bucket is a full one. */
    private static final Duration KEEP_FULL = Duration.ofMinutes(1);

    private RateBudgetBuckets() {
    }

    /**
     * Registers bucket4j's Hazelcast serializers in {@code config}: the entry processors travel to
     * the member that owns a bucket, and every member (client-only ones included) must read them alike.
     */
    static void registerSerializers(Config config) {
        HazelcastProxyManager.addCustomSerializers(config.getSerializationConfig(), SERIALIZER_TYPE_ID_BASE);
    }

    /** A budget of {@code requestsPerSecond}: a bucket of {@link #BURST_MILLIS} ms worth of turns, refilled one turn at a time. */
    static Bandwidth limit(long requestsPerSecond) {
        long capacity = Math.max(1, requestsPerSecond * BURST_MILLIS / 1000);
        return Bandwidth.builder().capacity(capacity).refillGreedy(requestsPerSecond, Duration.ofSeconds(1)).build();
    }

    /**
     * The bucket store of {@code vertx}'s cluster, or empty when it is not clustered. Opened on a
     * worker: Hazelcast creates a map's proxy with blocking calls to the other members.
     */
    static Future<Optional<AsyncProxyManager<String>>> clusterStore(Vertx vertx) {
        // The cluster manager is not on Vert.x's public API; its Hazelcast instance is.
        if (!(vertx instanceof VertxInternal internal)
                || !(internal.clusterManager() instanceof HazelcastClusterManager manager)) {
            return Future.succeededFuture(Optional.empty());
        }
        return vertx.executeBlocking(() -> Optional.of(store(manager.getHazelcastInstance())), false);
    }

    /** The bucket store in {@code hazelcast}'s map {@link #MAP}. */
    static AsyncProxyManager<String> store(HazelcastInstance hazelcast) {
        return Bucket4jHazelcast.<String>entryProcessorBasedBuilder(hazelcast.getMap(MAP))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL))
                .build()
                .asAsync();
    }

    /** The bucket {@code key} of {@code store}, created full on first use. */
    static SchedulingBucket remote(AsyncProxyManager<String> store, String key, Bandwidth limit, BucketListener listener) {
        CompletableFuture<BucketConfiguration> known = CompletableFuture.completedFuture(
                BucketConfiguration.builder().addLimit(limit).build());
        return store.builder().withListener(listener).build(key, () -> known).asScheduler();
    }

    /** The bucket {@code key} shared by every verticle of {@code vertx}, created full on first use. */
    static SchedulingBucket local(Vertx vertx, String key, Bandwidth limit, BucketListener listener) {
        LocalMap<String, LocalBucket> buckets = vertx.sharedData().getLocalMap(MAP);
        LocalBucket fresh = new LocalBucket(Bucket.builder().addLimit(limit).withNanosecondPrecision().build());
        LocalBucket existing = buckets.putIfAbsent(key, fresh);
        return (existing == null ? fresh : existing).bucket().toListenable(listener).asScheduler();
    }

    /** A local bucket may sit in a Vert.x local map: it is thread-safe and shared, never copied. */
    private record LocalBucket(Bucket bucket) implements Shareable {
    }
}
