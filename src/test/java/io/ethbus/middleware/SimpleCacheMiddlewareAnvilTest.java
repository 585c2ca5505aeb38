package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.provider.HttpProvider;
import io.ethbus.rpc.RpcTransport;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ethbus.middleware.SimpleCacheMiddlewareTest.request;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The permanent-answer cache in front of anvil. */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimpleCacheMiddlewareAnvilTest {
    AnvilConnection anvil;
    Vertx vertx;
    HttpProvider provider;

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

    @Test
    void answersPermanentCallsOnceAndHeadCallsEveryTime() {
        CountingTransport node = new CountingTransport(provider);
        RpcTransport transport = new Onion().add(new SimpleCacheMiddleware(64), "simple_cache").around(node);
        JsonNode genesis = null;
        for (int i = 0; i < 3; i++) {
            assertEquals("0x7a69", result(transport.send(request(i, "eth_chainId"))).result().textValue());
            genesis = result(transport.send(request(i, "eth_getBlockByNumber", "0x0", false))).result();
            JsonNode byHash = result(transport.send(request(i, "eth_getBlockByHash", genesis.get("hash").textValue(), false))).result();
            assertEquals(genesis, byHash);
            result(transport.send(request(i, "eth_getBlockByNumber", "latest", false)));
            // Not mined (yet): null, which must not stick.
            assertTrue(result(transport.send(request(i, "eth_getTransactionByHash", "0x" + "42".repeat(32)))).result().isNull());
        }
        assertEquals(1, node.count("eth_chainId"));
        assertEquals(1 + 3, node.count("eth_getBlockByNumber"), "genesis once, latest every time");
        assertEquals(1, node.count("eth_getBlockByHash"));
        assertEquals(3, node.count("eth_getTransactionByHash"));
    }
}
