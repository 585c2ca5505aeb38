package io.ethbus.bus;

import io.ethbus.node.NodeVerticle;
import io.ethbus.bus.EventBusErrors;
import io.ethbus.bus.EventBusTransport;
import io.ethbus.bus.RequestBodyReader;
import io.ethbus.bus.RpcAddresses;
import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request bodies on the bus: a ceiling per endpoint, and large ones parsed off the event loop. */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestBodyLimitTest {
    static final long CAP = 1024 * 1024;

    /** A node verticle whose event loop counts its own ticks: a chain of 1 ms timers, which never catch up. */
    static final class TickingNodeVerticle extends NodeVerticle {
        final AtomicInteger ticks = new AtomicInteger();
        volatile boolean stopped;

        @Override
        public Future<?> start() {
            tick();
            return super.start();
        }

        private void tick() {
            vertx.setTimer(1, t -> {
                ticks.incrementAndGet();
                if (!stopped) {
                    tick();
                }
            });
        }

        @Override
        public Future<?> stop() {
            stopped = true;
            return super.stop();
        }
    }

    Vertx vertx;
    DevChain chain;
    TickingNodeVerticle node;

    @BeforeAll
    void start(DevChain chain) {
        this.chain = chain;
        vertx = Vertx.vertx();
        JsonObject config = new JsonObject()
                .put("defaultEndpoint", "anvil")
                .put("endpoints", new JsonObject()
                        .put("anvil", new JsonObject().put("url", chain.httpUrl()))
                        .put("capped", new JsonObject().put("url", chain.httpUrl()).put("maxRequestBytes", CAP)));
        node = new TickingNodeVerticle();
        result(vertx.deployVerticle(node, new DeploymentOptions().setConfig(config)));
    }

    @AfterAll
    void stop() {
        result(vertx.close());
    }

    @Test
    void aBodyAboveTheCeilingGetsTheTypedErrorAndTheNodeGoesOn() {
        String huge = "0x" + "ab".repeat((int) CAP / 2 + 4096); // just above the ceiling, below the node's own limit
        EventBusTransport bus = new EventBusTransport(vertx, "capped", Duration.ofSeconds(30));
        PayloadTooLargeException e = assertInstanceOf(PayloadTooLargeException.class,
                failure(bus.send(new RpcRequest(1, "eth_call", JsonRpcCodec.params(new JsonObject().put("data", huge).getMap(), "latest")))));
        assertEquals(CAP, e.limit());
        assertTrue(e.bytesSeen() > CAP, e.getMessage());
        assertTrue(e.getMessage().contains("request body") && e.getMessage().contains("maxRequestBytes"), e.getMessage());
        assertEquals("eth_call", e.method(), "the caller's own method and endpoint");

        // plain-JSON callers see the code, whatever the body type
        JsonObject object = new JsonObject().put("method", "eth_call").put("params", new JsonArray().add(huge));
        for (Object body : List.of(object, object.encode(), Buffer.buffer(object.encode()), new JsonArray().add(object))) {
            ReplyException failed = assertInstanceOf(ReplyException.class,
                    failure(vertx.eventBus().request(RpcAddresses.rpc("capped"), body)));
            assertEquals(EventBusErrors.PAYLOAD_TOO_LARGE, failed.failureCode(), body.getClass().getSimpleName());
        }

        // the same endpoint goes on serving, and the uncapped one takes the same body
        assertEquals("0x7a69", result(EthClient.overEventBus(vertx, "capped").request("eth_chainId")).asText());
        Message<JsonObject> served = result(vertx.eventBus().request(RpcAddresses.rpc("anvil"),
                new JsonObject().put("method", "web3_sha3").put("params", new JsonArray().add(huge)).put("id", 1)));
        assertTrue(served.body().getString("result").startsWith("0x"), served.body().encode());
    }

    @Test
    void aLargeButAllowedBatchIsAnsweredCorrectly() {
        List<String> accounts = chain.accounts();
        Map<String, String> balances = new HashMap<>();
        try (AnvilConnection direct = AnvilConnection.open(chain)) {
            for (String a : accounts) {
                balances.put(a, result(direct.provider().send(new RpcRequest(1, "eth_getBalance",
                        JsonRpcCodec.params(a, "latest")))).result().asText());
            }
        }
        List<RpcRequest> calls = new ArrayList<>();
        JsonArray plain = new JsonArray();
        for (int i = 0; i < 1_500; i++) {
            String account = accounts.get(i % accounts.size());
            calls.add(new RpcRequest(i + 1, "eth_getBalance", JsonRpcCodec.params(account, "latest")));
            plain.add(new JsonObject().put("jsonrpc", "2.0").put("id", "p" + i).put("method", "eth_getBalance")
                    .put("params", new JsonArray().add(account).add("latest")));
        }
        assertTrue(JsonRpcCodec.encodeBatch(calls).length > RequestBodyReader.LARGE_BYTES, "the body is parsed on a worker");

        List<RpcResponse> answers = result(new EventBusTransport(vertx, "capped", Duration.ofSeconds(60)).sendBatch(calls));
        assertEquals(calls.size(), answers.size());
        for (int i = 0; i < calls.size(); i++) {
            assertEquals(balances.get(accounts.get(i % accounts.size())), answers.get(i).result().asText(), "answer " + i);
        }
        Message<JsonArray> reply = result(vertx.eventBus().request(RpcAddresses.rpc("capped"), plain));
        assertEquals(plain.size(), reply.body().size());
        for (int i = 0; i < plain.size(); i++) {
            JsonObject answer = reply.body().getJsonObject(i);
            assertEquals("p" + i, answer.getString("id"));
            assertEquals(balances.get(accounts.get(i % accounts.size())), answer.getString("result"));
        }
    }

    @Test
    void theEventLoopKeepsTurningWhileALargeBodyIsParsed() {
        // about 12 MB: a JSON object of 700,000 numbers, slow to parse, that is not a request (answered at once)
        StringBuilder json = new StringBuilder(13_000_000).append("{\"numbers\":[");
        for (int i = 0; i < 700_000; i++) {
            json.append(i == 0 ? "" : ",").append(10_000_000_000_000_000L + i);
        }
        Buffer body = Buffer.buffer(json.append("]}").toString());
        // the ticks between the node taking the message and sending its reply, both on the node's event loop
        AtomicInteger taken = new AtomicInteger(-1);
        AtomicInteger during = new AtomicInteger(-1);
        vertx.eventBus().addInboundInterceptor(delivery -> {
            if (delivery.message().body() instanceof Buffer b && b.length() == body.length()) {
                taken.set(node.ticks.get());
            }
            delivery.next();
        });
        vertx.eventBus().addOutboundInterceptor(delivery -> {
            if (taken.get() >= 0 && delivery.message().address().startsWith("__vertx.reply")) {
                during.set(node.ticks.get() - taken.getAndSet(-1));
            }
            delivery.next();
        });
        for (int round = 0; round < 2; round++) {
            Message<Buffer> reply = result(vertx.eventBus().request(RpcAddresses.rpc("anvil"), body));
            assertEquals(EventBusErrors.INVALID_REQUEST, new JsonObject(reply.body()).getJsonObject("error").getInteger("code"));
            // parsed on the event loop, taking the message, parsing and replying are one task: no tick in between
            // (exactly 0); any tick shows the loop turned while a worker parsed 12 MB, which takes far more than 1 ms
            assertTrue(during.get() >= 1, "the verticle's event loop ticked " + during.get() + " times while the body was parsed");
        }
    }
}
