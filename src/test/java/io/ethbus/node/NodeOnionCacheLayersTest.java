package io.ethbus.node;

import io.ethbus.middleware.LatestBlockBasedCacheMiddleware;
import io.ethbus.middleware.Onion;
import io.ethbus.middleware.SimpleCacheMiddleware;
import io.ethbus.middleware.StalecheckMiddleware;
import io.ethbus.middleware.TimeBasedCacheMiddleware;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.ethbus.node.NodeOnionTest.endpoint;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** The cache, stale-check and PoA layers of the node onion, as configured. */
class NodeOnionCacheLayersTest {
    final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        result(vertx.close());
    }

    @Test
    void everyLayerTurnedOnSitsInItsPlace() {
        JsonObject config = new JsonObject()
                .put("poa", true)
                .put("stalecheck", new JsonObject().put("allowableDelayMs", 60_000))
                .put("latestBlockCache", new JsonObject().put("enabled", true).put("initialBlockTimeMs", 500))
                .put("timeBasedCache", new JsonObject().put("expiryMs", 3_000).put("maxEntries", 8))
                .put("simpleCache", new JsonObject().put("maxEntries", 10));
        Onion onion = NodeOnion.defaultStack(endpoint(config), vertx);
        assertEquals(List.of("metrics", "retry", "simple_cache", "time_based_cache", "latest_block_cache", "stalecheck",
                "validation", "poa", "node_metrics"), onion.names());
        assertEquals(10, ((SimpleCacheMiddleware) onion.get("simple_cache").orElseThrow()).cache().maxEntries());
        TimeBasedCacheMiddleware timed = (TimeBasedCacheMiddleware) onion.get("time_based_cache").orElseThrow();
        assertEquals(Duration.ofSeconds(3), timed.expiry());
        assertEquals(8, timed.cache().maxEntries());
        assertEquals(Duration.ofMillis(500),
                ((LatestBlockBasedCacheMiddleware) onion.get("latest_block_cache").orElseThrow()).averageBlockTime());
        assertEquals(Duration.ofMinutes(1),
                ((StalecheckMiddleware) onion.get("stalecheck").orElseThrow()).allowableDelay());
    }

    @Test
    void layersCanBeSwitchedOffAndEachStackHasItsOwnCache() {
        JsonObject off = new JsonObject()
                .put("simpleCache", new JsonObject().put("enabled", false))
                .put("poa", new JsonObject().put("enabled", false))
                .put("latestBlockCache", false);
        assertEquals(List.of("metrics", "retry", "validation", "node_metrics"), NodeOnion.defaultStack(endpoint(off), vertx).names());

        Onion first = NodeOnion.defaultStack(endpoint(null), vertx);
        Onion second = NodeOnion.defaultStack(endpoint(null), vertx);
        assertNotSame(first.get("simple_cache").orElseThrow(), second.get("simple_cache").orElseThrow());
    }
}
