package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Hex;
import io.ethbus.provider.HttpProvider;
import io.ethbus.rpc.RpcTransport;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;

import static io.ethbus.middleware.SimpleCacheMiddlewareTest.request;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The head-following cache against anvil, with blocks mined on demand and a hand-moved clock. */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LatestBlockBasedCacheMiddlewareAnvilTest {
    static final String ALICE = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    AnvilConnection anvil;
    Vertx vertx;
    HttpProvider provider;
    CountingTransport node;
    MutableClock clock;
    LatestBlockBasedCacheMiddleware cache;
    RpcTransport transport;

    @BeforeAll
    void start(DevChain chain) {
        anvil = AnvilConnection.open(chain);
        vertx = anvil.vertx();
        provider = anvil.provider();
    }

    @AfterAll
    void stop() {
        anvil.close();
    }

    @BeforeEach
    void build() {
        node = new CountingTransport(provider);
        clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
        cache = new LatestBlockBasedCacheMiddleware(64, Duration.ofSeconds(2), clock);
        transport = new Onion().add(cache, "latest_block_cache").around(node);
    }

    void mine() {
        assertTrue(!result(provider.send(request(1, "anvil_mine", "0x1"))).isError());
    }

    long number(JsonNode quantity) {
        return Hex.toLong(quantity.textValue());
    }

    @Test
    void answersRepeatedReadsAtLatestWithoutReachingTheNode() {
        for (int i = 0; i < 3; i++) {
            result(transport.send(request(i, "eth_getBalance", ALICE, "latest")));
            result(transport.send(request(i, "eth_getCode", ALICE, "latest")));
            result(transport.send(request(i, "eth_getBlockByNumber", "latest", false)));
            assertEquals(i, result(transport.send(request(i, "eth_blockNumber"))).id());
        }
        assertEquals(1, node.count("eth_blockNumber"), "one look at the head, which also answers eth_blockNumber");
        assertEquals(1, node.count("eth_getBalance"));
        assertEquals(1, node.count("eth_getCode"));
        assertEquals(1, node.count("eth_getBlockByNumber"));
    }

    @Test
    void dropsEverythingWhenAMinedBlockIsSeenAndAnswersFromTheNewHead() {
        JsonNode before = result(transport.send(request(1, "eth_getBlockByNumber", "latest", false))).result();
        long head = number(before.get("number"));
        mine();
        // Within one block time the layer does not look again: the old head is still served.
        clock.advance(Duration.ofMillis(1_999));
        assertEquals(before, result(transport.send(request(2, "eth_getBlockByNumber", "latest", false))).result());
        assertEquals(head, number(result(transport.send(request(3, "eth_blockNumber"))).result()));

        clock.advance(Duration.ofMillis(1));
        JsonNode after = result(transport.send(request(4, "eth_getBlockByNumber", "latest", false))).result();
        assertEquals(head + 1, number(after.get("number")));
        assertNotEquals(before.get("hash"), after.get("hash"));
        assertEquals(head + 1, number(result(transport.send(request(5, "eth_blockNumber"))).result()));
        assertEquals(head + 1, cache.head());
        assertEquals(2, node.count("eth_getBlockByNumber"));
        assertEquals(2, node.count("eth_blockNumber"));
    }

    @Test
    void neverCachesPendingPinnedOrErrors() {
        for (int i = 0; i < 2; i++) {
            result(transport.send(request(i, "eth_getBalance", ALICE, "pending")));
            result(transport.send(request(i, "eth_getBalance", ALICE, "0x0")));
            assertTrue(result(transport.send(request(i, "eth_getBalance", "0x1234", "latest"))).isError());
        }
        assertEquals(6, node.count("eth_getBalance"));
    }
}
