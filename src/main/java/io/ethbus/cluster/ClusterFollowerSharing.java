package io.ethbus.cluster;

import io.ethbus.heads.ChainFollower;
import io.ethbus.heads.FollowerSharing;
import io.vertx.core.Vertx;

import java.util.function.Supplier;

/** On a clustered Vert.x, one upstream per endpoint for the whole cluster: {@link ClusterSingletonFollower}. */
public final class ClusterFollowerSharing implements FollowerSharing {
    @Override
    public boolean appliesTo(Vertx vertx) {
        return vertx.isClustered();
    }

    @Override
    public ChainFollower share(Vertx vertx, String endpoint, String headsAddress, Supplier<ChainFollower> upstream) {
        return new ClusterSingletonFollower(vertx, endpoint, headsAddress, upstream);
    }
}
