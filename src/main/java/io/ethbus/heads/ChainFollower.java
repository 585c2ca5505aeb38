package io.ethbus.heads;

import io.ethbus.primitives.Hash;
import io.vertx.core.Future;

/** Follows one endpoint's chain head and feeds a head-event sink: pushed (WebSocket, IPC) or polled (HTTP). */
public interface ChainFollower {
    Future<Void> start();

    /**
     * As {@link #start()}, continuing a stream that was delivered up to block {@code last}
     * (by another member): the blocks after it are backfilled, each number delivered once.
     * When the node no longer knows {@code last} (reorged away) it starts afresh.
     */
    Future<Void> startAfter(Hash last);

    Future<Void> stop();

    /** How many times the follower had to connect again after losing its node. */
    long reconnects();
}
