package io.ethbus.heads;

import io.vertx.core.Vertx;

import java.util.function.Supplier;

/**
 * How the follower of one endpoint is shared beyond this Vert.x instance, found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.ethbus.heads.FollowerSharing}).
 * The cluster package provides one for clustered Vert.x instances (one upstream per endpoint for
 * the whole cluster), so that {@code heads} does not depend on {@code cluster}.
 */
public interface FollowerSharing {
    /** Whether this sharing applies to {@code vertx} (e.g. only when it is clustered). */
    boolean appliesTo(Vertx vertx);

    /**
     * The follower that {@link SubscriptionVerticle} starts for {@code endpoint}; it makes an
     * upstream follower with {@code upstream} when it is its turn to follow.
     */
    ChainFollower share(Vertx vertx, String endpoint, String headsAddress, Supplier<ChainFollower> upstream);
}
