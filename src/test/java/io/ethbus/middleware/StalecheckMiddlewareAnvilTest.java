package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Hex;
import io.ethbus.provider.HttpProvider;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.ethbus.rpc.StaleChainException;
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
import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stale check against anvil's real latest block. Rather than moving the shared chain's
 * time, the test moves the middleware's clock relative to the block's timestamp.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StalecheckMiddlewareAnvilTest {
    AnvilConnection anvil;
    Vertx vertx;
    HttpProvider provider;
    CountingTransport node;
    MutableClock clock;
    long latestNumber;
    Instant latestTime;

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
    void readLatestBlock() {
        JsonNode latest = result(provider.send(request(1, "eth_getBlockByNumber", "latest", false))).result();
        latestNumber = Hex.toLong(latest.get("number").textValue());
        latestTime = Instant.ofEpochSecond(Hex.toLong(latest.get("timestamp").textValue()));
        node = new CountingTransport(provider);
        clock = new MutableClock(latestTime);
    }

    RpcTransport checked() {
        return new Onion().add(new StalecheckMiddleware(Duration.ofMinutes(1), clock), "stalecheck").around(node);
    }

    @Test
    void passesWhileTheLatestBlockIsRecentAndAsksForItOnlyOnce() {
        clock.advance(Duration.ofSeconds(10));
        RpcTransport transport = checked();
        RpcResponse first = result(transport.send(request(1, "eth_chainId")));
        RpcResponse second = result(transport.send(request(2, "eth_chainId")));
        assertEquals("0x7a69", first.result().textValue());
        assertEquals(2, second.id());
        assertEquals(1, node.count("eth_getBlockByNumber"), "the fresh block is remembered");
        assertEquals(2, node.count("eth_chainId"));
    }

    @Test
    void failsTypedNamingTheMethodWhenTheLatestBlockIsTooOld() {
        RpcTransport transport = checked();
        clock.advance(Duration.ofSeconds(30));
        result(transport.send(request(1, "eth_chainId")));

        clock.advance(Duration.ofHours(1));
        Throwable failure = failure(transport.send(request(2, "eth_getBalance",
                "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266", "latest")));
        StaleChainException stale = assertInstanceOf(StaleChainException.class, failure);
        assertEquals("eth_getBalance", stale.method());
        assertTrue(stale.getMessage().startsWith("eth_getBalance"), stale.getMessage());
        assertTrue(stale.age().compareTo(Duration.ofHours(1)) > 0);
        assertEquals(Duration.ofMinutes(1), stale.allowableDelay());
        assertTrue(stale.latestBlockNumber() >= latestNumber);
        assertEquals(0, node.count("eth_getBalance"), "a refused call never reaches the node");
        assertEquals(2, node.count("eth_getBlockByNumber"), "a block that became too old is asked for again");
    }

    @Test
    void letsBlockLookUpsThroughOnAStaleChain() {
        clock.advance(Duration.ofHours(2));
        RpcTransport transport = checked();
        JsonNode block = result(transport.send(request(1, "eth_getBlockByNumber", "latest", false))).result();
        assertFalse(block.isNull());
        assertEquals(1, node.total(), "no check of its own for a block look-up");
        assertInstanceOf(StaleChainException.class, failure(transport.send(request(2, "eth_blockNumber"))));
    }
}
