package io.ethbus.node;

import io.ethbus.bus.ReplyStream;
import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ResponseBudget;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The caller's side of the bus refuses an answer above its ceiling instead of putting it together. */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventBusAnswerCeilingTest {
    /** Block 0 without transactions is about 1 KB of JSON: above this, below the node's stream threshold. */
    static final long CEILING = 600;

    Vertx vertx;
    NodeVerticle node;

    @BeforeAll
    void start(DevChain chain) {
        vertx = Vertx.vertx();
        JsonObject config = new JsonObject()
                .put("defaultEndpoint", "anvil")
                .put("endpoints", new JsonObject().put("anvil", new JsonObject().put("url", chain.httpUrl())))
                .put("replyStreams", new JsonObject().put("thresholdBytes", 2048).put("chunkBytes", 256));
        node = new NodeVerticle();
        result(vertx.deployVerticle(node, new DeploymentOptions().setConfig(config)));
    }

    @AfterAll
    void stop() {
        result(vertx.close());
    }

    @Test
    void anAnswerAboveTheCeilingFailsTypedWhetherWholeOrStreamed() {
        EthClient client = EthClient.overEventBus(vertx, "anvil", Duration.ofSeconds(30), CEILING);
        // about 1 KB: comes whole
        PayloadTooLargeException whole = assertInstanceOf(PayloadTooLargeException.class,
                failure(client.request("eth_getBlockByNumber", "0x0", false)));
        assertEquals(CEILING, whole.limit());
        assertEquals("eth_getBlockByNumber", whole.method());
        assertTrue(whole.getMessage().contains("configured maxResponseBytes"), whole.getMessage());

        // a batch of 30 blocks, well above the stream threshold: refused before a chunk is pulled
        var batch = client.batch();
        for (int i = 0; i < 30; i++) {
            batch.add("eth_getBlockByNumber", "0x0", false);
        }
        PayloadTooLargeException tooLarge = assertInstanceOf(PayloadTooLargeException.class, failure(batch.send()));
        assertTrue(tooLarge.bytesSeen() > 2048, tooLarge.getMessage());

        // streamReply: reading it whole is refused as well, and the node drops the stream
        ReplyStream stream = result(client.streamReply("eth_getBlockByNumber", "0x0", false));
        assertTrue(stream.totalBytes() > CEILING);
        assertInstanceOf(PayloadTooLargeException.class, failure(stream.bytes()));
        Await.until("the node dropped its streams", () -> node.replyStreams().openStreams() == 0, 20);

        // small answers still come, and nothing stays reserved
        assertEquals("0x7a69", result(client.request("eth_chainId")).asText());
        assertEquals(0, ResponseBudget.of(vertx).inFlight());
    }

    @Test
    void theHeapDerivedCeilingLetsOrdinaryAnswersThrough() {
        EthClient client = EthClient.overEventBus(vertx, "anvil");
        var batch = client.batch();
        var last = batch.add("eth_getBlockByNumber", "0x0", false);
        for (int i = 1; i < 30; i++) {
            last = batch.add("eth_getBlockByNumber", "0x0", false);
        }
        result(batch.send());
        assertEquals("0x0", result(last).get("number").asText());
        ReplyStream stream = result(client.streamReply("eth_getBlockByNumber", "0x0", false));
        assertTrue(result(stream.bytes()).length > 0);
        assertEquals(0, ResponseBudget.of(vertx).inFlight());
    }
}
