package io.ethbus.cluster;

import io.ethbus.crawl.ChunkLedger;
import io.vertx.core.Future;
import io.vertx.core.shareddata.AsyncMap;

import java.time.Duration;
import java.util.Objects;

/**
 * The crawl's work ledger in the cluster's shared data: one entry per claimed chunk, the
 * holder's member id, written with a time to live (the lease) and renewed by the holder. A
 * claim lapses when its lease runs out or when its holder is no longer a cluster member
 * (killed, partitioned away), whichever comes first; then any member may take the chunk.
 *
 * <pre>new Crawler(member.vertx(), caller, options, new ClusterChunkLedger(member, Duration.ofSeconds(10)), progress)</pre>
 */
public final class ClusterChunkLedger implements ChunkLedger {
    /** The shared map of claims, cluster-wide; keys name the output directory and the chunk. */
    public static final String MAP = "ethbus.crawl.claims";

    private final ClusterMember member;
    private final Duration lease;
    private final String self;
    private Future<AsyncMap<String, String>> claims;

    public ClusterChunkLedger(ClusterMember member, Duration lease) {
        this.member = Objects.requireNonNull(member, "member");
        if (lease.toMillis() < 300) {
            throw new IllegalArgumentException("a lease under 300 ms lapses between renewals: " + lease);
        }
        this.lease = lease;
        this.self = member.nodeId();
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public Future<Boolean> claim(String chunk) {
        return map().compose(m -> m.putIfAbsent(chunk, self, lease.toMillis()).compose(holder -> {
            if (holder == null || holder.equals(self)) {
                return Future.succeededFuture(true);
            }
            if (member.memberIds().contains(holder)) {
                return Future.succeededFuture(false);
            }
            // the holder left the cluster: take the chunk over, unless another member just did
            return m.replaceIfPresent(chunk, holder, self).compose(taken -> taken
                    ? m.put(chunk, self, lease.toMillis()).map(true)
                    : Future.succeededFuture(false));
        }));
    }

    @Override
    public Future<Void> renew(String chunk) {
        // a claim that lapsed and went to another member stays theirs
        return map().compose(m -> m.get(chunk).compose(holder -> holder == null || holder.equals(self)
                ? m.put(chunk, self, lease.toMillis())
                : Future.succeededFuture()));
    }

    @Override
    public Future<Boolean> confirm(String chunk) {
        // only a claim still held is renewed; a lapsed one (gone, or another's) is not taken back
        // here, since its new holder may have written the chunk and released it already
        return map().compose(m -> m.get(chunk).compose(holder -> !self.equals(holder)
                ? Future.succeededFuture(false)
                : m.put(chunk, self, lease.toMillis()).compose(v -> m.get(chunk)).map(self::equals)));
    }

    @Override
    public Future<Void> release(String chunk) {
        return map().compose(m -> m.removeIfPresent(chunk, self)).mapEmpty();
    }

    @Override
    public Duration renewEvery() {
        return lease.dividedBy(3);
    }

    private Future<AsyncMap<String, String>> map() {
        if (claims == null || claims.failed()) {
            claims = member.vertx().sharedData().getAsyncMap(MAP);
        }
        return claims;
    }
}
