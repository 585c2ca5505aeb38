package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.rpc.OffLoop;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.InvalidAddressException;
import io.ethbus.primitives.InvalidHexException;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.Batch;
import io.ethbus.rpc.InvalidRequestException;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RawJson;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.LogFlood;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests are checked before they reach anvil; results come back normalised. */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ValidationAnvilTest {
    static final String CHECKSUMMED = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    static final String BAD_CHECKSUM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";

    Vertx vertx;
    HttpProvider provider;
    RpcCaller validated;
    final List<String> forwarded = Collections.synchronizedList(new ArrayList<>());
    String alice;

    @BeforeAll
    void start(DevChain chain) {
        vertx = Vertx.vertx();
        provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        Onion onion = new Onion()
                .add((request, next) -> {
                    forwarded.add(request.method());
                    return next.handle(request);
                }, "recorder")
                .add(new ValidationMiddleware(), "validation");
        validated = new RpcCaller(onion.around(provider));
        alice = result(validated.request("eth_accounts")).get(0).asText();
    }

    @AfterAll
    void stop() {
        result(provider.close());
        result(vertx.close());
    }

    @BeforeEach
    void reset() {
        forwarded.clear();
    }

    @Test
    void badChecksumNeverReachesTheNode() {
        Throwable e = failure(validated.request("eth_getBalance", BAD_CHECKSUM, "latest"));
        assertTrue(assertInstanceOf(InvalidAddressException.class, e).getMessage().contains(BAD_CHECKSUM));
        ObjectNode tx = JsonRpcCodec.mapper().createObjectNode().put("from", alice).put("to", BAD_CHECKSUM);
        assertInstanceOf(InvalidAddressException.class, failure(validated.request("eth_sendTransaction", tx)));
        assertEquals(List.of(), forwarded);
        assertEquals("0x0", result(validated.request("eth_getBalance", CHECKSUMMED, "latest")).asText());
        assertEquals(List.of("eth_getBalance"), forwarded);
    }

    @Test
    void badBlockIdentifiersNeverReachTheNode() {
        assertInstanceOf(InvalidHexException.class, failure(validated.request("eth_getBlockByNumber", "newest", false)));
        assertInstanceOf(InvalidHexException.class, failure(validated.request("eth_getCode", CHECKSUMMED, "0xzz")));
        ObjectNode filter = JsonRpcCodec.mapper().createObjectNode().put("fromBlock", "yesterday");
        assertInstanceOf(InvalidHexException.class, failure(validated.request("eth_getLogs", filter)));
        assertEquals(List.of(), forwarded);
    }

    @Test
    void aBatchItemRefusedByTheLayerFailsOnlyItself() {
        Batch batch = validated.batch();
        Future<JsonNode> balance = batch.add("eth_getBalance", CHECKSUMMED, "latest");
        Future<JsonNode> badAddress = batch.add("eth_getBalance", BAD_CHECKSUM, "latest");
        Future<JsonNode> badBlock = batch.add("eth_getCode", CHECKSUMMED, "0xzz");
        Future<JsonNode> chainId = batch.add("eth_chainId");
        result(batch.send());
        assertTrue(result(balance).asText().startsWith("0x"), "a quantity (other tests may send to it)");
        assertTrue(assertInstanceOf(InvalidAddressException.class, failure(badAddress)).getMessage().contains(BAD_CHECKSUM));
        assertInstanceOf(InvalidHexException.class, failure(badBlock));
        assertEquals("0x7a69", result(chainId).asText());
        assertEquals(List.of("eth_getBalance", "eth_chainId"), forwarded, "refused items never reach the node");
    }

    @Test
    void aBatchWhoseItemsAllFailWithOneErrorFailsAsAWhole() {
        HttpProvider nowhere = new HttpProvider(vertx, HttpProviderOptions.of("http://127.0.0.1:1"));
        try {
            Batch batch = new RpcCaller(new Onion().add(new ValidationMiddleware(), "validation").around(nowhere)).batch();
            Future<JsonNode> first = batch.add("eth_getBalance", CHECKSUMMED, "latest");
            Future<JsonNode> second = batch.add("eth_blockNumber");
            Throwable whole = failure(batch.send());
            assertInstanceOf(ProviderConnectionException.class, whole);
            assertEquals(whole, failure(first));
            assertEquals(whole, failure(second));
        } finally {
            result(nowhere.close());
        }
    }

    @Test
    void transactionForAnotherChainIsRefused() {
        ObjectNode tx = JsonRpcCodec.mapper().createObjectNode().put("from", alice).put("to", CHECKSUMMED)
                .put("value", "0x1").put("chainId", "0x1");
        Throwable e = failure(validated.request("eth_sendTransaction", tx));
        assertTrue(assertInstanceOf(InvalidRequestException.class, e).getMessage().contains("0x7a69"), e.getMessage());
        assertEquals(List.of("eth_chainId"), forwarded);

        tx.put("chainId", "0x7a69");
        String hash = result(validated.request("eth_sendTransaction", tx)).asText();
        assertEquals(66, hash.length());
        assertEquals(List.of("eth_chainId", "eth_sendTransaction"), forwarded, "chain id asked once");
    }

    @Test
    void resultsAreNormalised() {
        ValidationMiddleware validation = new ValidationMiddleware();
        String lower = CHECKSUMMED.toLowerCase();
        Middleware.Next node = request -> Future.succeededFuture(RpcResponse.success(request.id(), switch (request.method()) {
            case "eth_blockNumber" -> TextNode.valueOf("0x000a");
            case "eth_accounts" -> JsonRpcCodec.params(lower);
            case "eth_getTransactionReceipt" -> JsonRpcCodec.mapper().createObjectNode().put("from", lower)
                    .putNull("to").put("contractAddress", lower)
                    .set("logs", JsonRpcCodec.params(JsonRpcCodec.mapper().createObjectNode().put("address", lower)));
            default -> throw new AssertionError(request.method());
        }));
        assertEquals("0xa", call(validation, node, "eth_blockNumber").asText());
        assertEquals(CHECKSUMMED, call(validation, node, "eth_accounts").get(0).asText());
        JsonNode receipt = call(validation, node, "eth_getTransactionReceipt");
        assertEquals(CHECKSUMMED, receipt.get("from").asText());
        assertEquals(CHECKSUMMED, receipt.get("contractAddress").asText());
        assertTrue(receipt.get("to").isNull());
        assertEquals(CHECKSUMMED, receipt.get("logs").get(0).get("address").asText());

        JsonNode accounts = result(validated.request("eth_accounts"));
        accounts.forEach(a -> assertTrue(Address.isValidChecksum(a.asText()), a.asText()));
    }

    @Test
    void rawQuantitiesStayRawWhenCompactAndAreRewrittenOtherwise() {
        ValidationMiddleware validation = new ValidationMiddleware();
        RpcRequest balance = new RpcRequest(1, "eth_getBalance", JsonRpcCodec.params(alice, "latest"));
        RpcResponse fromNode = result(provider.send(balance));
        assertNotNull(fromNode.rawResult(), "the provider keeps the node's text");
        assertSame(fromNode, result(validation.handle(balance, request -> Future.succeededFuture(fromNode))),
                "a compact quantity is passed on as it came, no tree made");
        for (String wire : List.of("\"0x000a\"", "\"0xA\"")) {
            RpcResponse padded = RpcResponse.success(1, RawJson.of(wire));
            assertEquals("0xa", result(validation.handle(balance, request -> Future.succeededFuture(padded))).result().asText(), wire);
        }
        RpcResponse zero = RpcResponse.success(1, RawJson.of("\"0x0\""));
        assertSame(zero, result(validation.handle(balance, request -> Future.succeededFuture(zero))));
    }

    @Test
    void aLargeResultIsRewrittenOffTheEventLoop() {
        EthClient client = EthClient.direct(provider);
        Address contract = LogFlood.deploy(client, Address.of(alice));
        LogFlood.flood(client, Address.of(alice), contract, 3_000); // about 1.6 MB of logs
        ObjectNode filter = JsonRpcCodec.mapper().createObjectNode().put("address", contract.toHex())
                .put("fromBlock", "0x0").put("toBlock", "latest");
        AtomicBoolean answeredOnEventLoop = new AtomicBoolean();
        AtomicBoolean rewritten = new AtomicBoolean();
        AtomicBoolean loopTurnedMeanwhile = new AtomicBoolean();
        // innermost: sees the node's answer, then queues a task on the same loop, which runs before the
        // rewritten answer comes back only if the rewrite left the loop free
        Middleware watch = (request, next) -> next.handle(request).onSuccess(response -> {
            answeredOnEventLoop.set(Context.isOnEventLoopThread());
            Vertx.currentContext().runOnContext(v -> loopTurnedMeanwhile.set(!rewritten.get()));
        });
        var transport = new Onion().add(watch, "watch").add(new ValidationMiddleware(), "validation").around(provider);
        Promise<RpcResponse> answer = Promise.promise();
        vertx.runOnContext(v -> transport.send(new RpcRequest(1, "eth_getLogs", JsonRpcCodec.params(filter)))
                .onComplete(ar -> {
                    rewritten.set(true);
                    answer.handle(ar);
                }));
        RpcResponse logs = result(answer.future());
        assertTrue(answeredOnEventLoop.get(), "the node's answer arrives on the caller's event loop");
        assertTrue(logs.rawResult().length() >= OffLoop.HEAVY_BYTES, "large enough to leave the loop");
        assertTrue(loopTurnedMeanwhile.get(), "the event loop ran other work while the result was rewritten");
        JsonNode tree = logs.result();
        assertEquals(3_000, tree.size());
        tree.forEach(log -> assertEquals(contract.toChecksumHex(), log.get("address").asText()));
    }

    static JsonNode call(ValidationMiddleware validation, Middleware.Next node, String method) {
        return result(validation.handle(new RpcRequest(1, method, null), node)).result();
    }
}
