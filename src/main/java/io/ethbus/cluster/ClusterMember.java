package io.ethbus.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A clustered Vert.x instance and the Hazelcast cluster manager it joined with.
 *
 * @param vertx          the clustered Vert.x; its event bus reaches every member
 * @param clusterManager the cluster manager, for member ids
 */
public record ClusterMember(Vertx vertx, HazelcastClusterManager clusterManager) {
    /** This member's id in the cluster. */
    public String nodeId() {
        return clusterManager.getNodeId();
    }

    /** The ids of all members, this one included. */
    public List<String> memberIds() {
        return List.copyOf(clusterManager.getNodes());
    }

    /** Leaves the cluster and closes Vert.x (and Hazelcast, also when ethbus started it for the member handshake). */
    public Future<Void> close() {
        return vertx.close().eventually(() -> shutdownHazelcast(clusterManager));
    }

    /**
     * Shuts down the Hazelcast of {@code manager} if it still runs (vertx-hazelcast shuts down
     * only a Hazelcast it started itself); on a thread of its own, since leaving blocks.
     */
    static Future<Void> shutdownHazelcast(HazelcastClusterManager manager) {
        HazelcastInstance hazelcast = manager.getHazelcastInstance();
        if (hazelcast == null || !hazelcast.getLifecycleService().isRunning()) {
            return Future.succeededFuture();
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread leaving = new Thread(() -> {
            try {
                hazelcast.getLifecycleService().shutdown();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, "ethbus-cluster-leave");
        leaving.setDaemon(true);
        leaving.start();
        return Future.fromCompletionStage(done);
    }
}
