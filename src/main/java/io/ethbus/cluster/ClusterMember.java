package io.ethbus.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.util.List;

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

    /** Leaves the cluster and closes Vert.x. */
    public Future<Void> close() {
        return vertx.close();
    }
}
