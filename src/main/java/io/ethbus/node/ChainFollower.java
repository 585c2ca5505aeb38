package io.ethbus.node;

import io.vertx.core.Future;

/** Follows one endpoint's chain head and feeds a head-event sink: pushed (WebSocket, IPC) or polled (HTTP). */
public interface ChainFollower {
    Future<Void> start();

    Future<Void> stop();

    /** How many times the follower had to connect again after losing its node. */
    long reconnects();
}
