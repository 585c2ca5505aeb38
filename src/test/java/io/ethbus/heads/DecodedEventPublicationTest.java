package io.ethbus.heads;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.metrics.NodeMetrics;
import io.ethbus.primitives.Address;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.DeployedToken;
import io.ethbus.testsupport.LogEmitter;
import io.ethbus.testsupport.Mined;
import io.ethbus.testsupport.SolcExtension;
import io.ethbus.testsupport.TestContracts;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A named log filter with an {@code abi} has its logs published decoded, as plain JSON, on
 * {@code ethbus.events.<endpoint>.<name>}; a log that does not decode is counted, not
 * published; a bad {@code abi} fails the verticle's start naming the filter.
 */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
class DecodedEventPublicationTest {
    private static final String TRANSFER = "event Transfer(address indexed from, address indexed to, uint256 value)";

    private Vertx vertx;
    private RpcCaller rpc;

    @BeforeEach
    void connect(DevChain chain) {
        vertx = Vertx.vertx();
        rpc = new RpcCaller(new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl())));
    }

    @AfterEach
    void close() {
        result(vertx.close());
    }

    private static JsonObject config(DevChain chain, String filterName, JsonObject filter) {
        return new JsonObject().put("endpoints", new JsonObject().put("dev", new JsonObject().put("wsUrl", chain.wsUrl())
                .put("logs", new JsonObject().put(filterName, filter))));
    }

    @Test
    void aMinedTransferIsPublishedDecodedFieldByField(DevChain chain, TestContracts contracts) {
        DeployedToken token = DeployedToken.deploy(rpc, contracts.get("TestToken"));
        Address bob = token.account(1);
        // the compiler's JSON ABI, as a deployment would carry it
        JsonObject filter = new JsonObject().put("address", token.address().toChecksumHex())
                .put("abi", new JsonArray(contracts.get("TestToken").abiJson()));
        List<JsonObject> events = received(SubscriptionVerticle.eventsAddress("dev", "token"));
        List<JsonObject> logs = received(SubscriptionVerticle.logsAddress("dev", "token"));
        deployFollowing(config(chain, "token", filter));

        JsonNode receipt = token.send(token.deployer(), "transfer", bob, BigInteger.valueOf(1234));
        JsonNode log = receipt.get("logs").get(0);
        String tx = log.get("transactionHash").asText();
        // the follower may start at the deploy's block: its mint comes first then, decoded as well
        Await.until("the decoded transfer", () -> events.stream().anyMatch(e -> tx.equals(e.getString("transactionHash"))), 60);
        JsonObject event = events.stream().filter(e -> tx.equals(e.getString("transactionHash"))).findFirst().orElseThrow();
        assertEquals("Transfer", event.getString("event"));
        assertEquals("Transfer(address,address,uint256)", event.getString("signature"));
        assertEquals(new JsonObject().put("from", token.deployer().toChecksumHex()).put("to", bob.toChecksumHex())
                .put("value", "1234"), event.getJsonObject("args"));
        assertEquals(token.address().toChecksumHex(), event.getString("address"));
        assertEquals(Long.decode(log.get("blockNumber").asText()), event.getLong("blockNumber"));
        assertEquals(log.get("blockHash").asText(), event.getString("blockHash"));
        assertEquals(log.get("transactionHash").asText(), event.getString("transactionHash"));
        assertEquals(Long.decode(log.get("transactionIndex").asText()), event.getLong("transactionIndex"));
        assertEquals(Long.decode(log.get("logIndex").asText()), event.getLong("logIndex"));
        assertEquals(false, event.getBoolean("removed"));
        assertEquals(10, event.size(), event.encodePrettily());
        assertTrue(events.stream().allMatch(e -> e.getString("event").equals("Transfer")),
                "the anonymous Minted of a mint is not recognised from its log: " + events);
        Await.until("the raw log as before", () -> logs.stream().anyMatch(l -> tx.equals(l.getString("transactionHash"))), 60);
    }

    @Test
    void aLogOfAKnownEventThatDoesNotDecodeIsCountedNotPublished(DevChain chain) {
        // LogEmitter emits LOG2(calldata, Transfer's topic0, caller). Against the standard Transfer (3 topics)
        // that is another contract's event shape, neither published nor counted; so the filter's ABI
        // declares a Transfer with one indexed parameter (same topic0, 2 topics), whose 64 bytes of data
        // the 1-byte calldata below cannot give: a log of a known event that does not decode.
        String alice = result(rpc.request("eth_accounts")).get(0).asText();
        String emitter = Mined.receipt(rpc, result(rpc.request("eth_sendTransaction", JsonRpcCodec.mapper().createObjectNode()
                .put("from", alice).put("input", LogEmitter.DEPLOY_INPUT))).asText()).get("contractAddress").asText();
        JsonObject filter = new JsonObject().put("address", emitter)
                .put("abi", new JsonArray().add("event Transfer(address indexed from, address to, uint256 value)"));
        List<JsonObject> events = received(SubscriptionVerticle.eventsAddress("dev", "emitter"));
        List<JsonObject> logs = received(SubscriptionVerticle.logsAddress("dev", "emitter"));
        deployFollowing(config(chain, "emitter", filter));

        Mined.receipt(rpc, result(rpc.request("eth_sendTransaction", JsonRpcCodec.mapper().createObjectNode()
                .put("from", alice).put("to", emitter).put("input", "0x01"))).asText());
        Await.until("the raw log", () -> !logs.isEmpty(), 60);
        Await.until("the undecodable log counted", () -> undecodable("emitter") == 1.0, 10);
        // the verticle publishes the raw log and then, had it decoded, the event: both are out by now
        assertEquals(List.of(), events, "nothing published as an event");
    }

    @Test
    void aBadAbiFailsTheStartNamingTheFilter(DevChain chain) {
        JsonObject notASignature = new JsonObject().put("address", "0x" + "11".repeat(20))
                .put("abi", new JsonArray().add("event Transfer(address indexed from, address indexed to, uint257 value)"));
        Throwable e = Await.failure(vertx.deployVerticle(SubscriptionVerticle::new,
                new DeploymentOptions().setConfig(config(chain, "broken", notASignature))));
        assertInstanceOf(IllegalArgumentException.class, e);
        assertTrue(e.getMessage().contains("endpoints.dev.logs.broken.abi"), e.getMessage());
        assertTrue(e.getMessage().contains("uint257"), e.getMessage());

        JsonObject notAnArray = new JsonObject().put("address", "0x" + "11".repeat(20)).put("abi", "Transfer");
        Throwable e2 = Await.failure(vertx.deployVerticle(SubscriptionVerticle::new,
                new DeploymentOptions().setConfig(config(chain, "scalar", notAnArray))));
        assertTrue(e2.getMessage().contains("endpoints.dev.logs.scalar.abi"), e2.getMessage());
    }

    private double undecodable(String filter) {
        var counter = NodeMetrics.registry(vertx).find("ethbus.subscription.events.undecodable")
                .tags("endpoint", "dev", "filter", filter).functionCounter();
        return counter == null ? -1 : counter.count();
    }

    private List<JsonObject> received(String address) {
        List<JsonObject> out = new CopyOnWriteArrayList<>();
        vertx.eventBus().<JsonObject>consumer(address, m -> out.add(m.body()));
        return out;
    }

    /** Deploys the verticle with {@code config} and waits until it follows the chain. */
    private void deployFollowing(JsonObject config) {
        result(vertx.deployVerticle(SubscriptionVerticle::new, new DeploymentOptions().setConfig(config)));
        waitForTheFollower();
    }

    /** The verticle follows heads once one has reached a consumer; logs of later blocks are then seen. */
    private void waitForTheFollower() {
        List<JsonObject> heads = new CopyOnWriteArrayList<>();
        var consumer = vertx.eventBus().<JsonObject>consumer(SubscriptionVerticle.headsAddress("dev"), m -> heads.add(m.body()));
        Await.until("the first head", () -> {
            if (heads.isEmpty()) {
                result(rpc.request("anvil_mine", "0x1"));
            }
            return !heads.isEmpty();
        }, 60);
        result(consumer.unregister());
    }
}
