package io.ethbus.node;

import io.ethbus.bus.EventBusErrors;
import io.ethbus.bus.EventBusRpcHandler;
import io.ethbus.bus.EventBusTransport;
import io.ethbus.bus.RpcAddresses;
import io.ethbus.bus.RpcHeaders;
import io.ethbus.client.EthClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.InvalidAddressException;
import io.ethbus.primitives.InvalidHexException;
import io.ethbus.rpc.Batch;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcException;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event-bus wire format as a verticle in any language sees it, plus deadlines and trace ids. */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventBusRpcTest {
    Vertx vertx;
    HttpServer stalled;

    @BeforeAll
    void start(DevChain chain) {
        vertx = Vertx.vertx();
        // A node that accepts requests and never answers, for deadline tests.
        stalled = result(vertx.createHttpServer().requestHandler(request -> { }).listen(0, "127.0.0.1"));
        JsonObject config = new JsonObject()
                .put("defaultEndpoint", "anvil")
                .put("endpoints", new JsonObject()
                        .put("anvil", new JsonObject().put("url", chain.httpUrl()))
                        .put("stalled", new JsonObject().put("url", "http://127.0.0.1:" + stalled.actualPort())));
        result(vertx.deployVerticle(NodeVerticle::new, new DeploymentOptions().setInstances(2).setConfig(config)));
    }

    @AfterAll
    void stop() {
        result(vertx.close());
    }

    <T> T request(String address, Object body) {
        Message<T> reply = result(vertx.eventBus().request(address, body));
        return reply.body();
    }

    ReplyException requestFailure(String address, Object body) {
        return assertInstanceOf(ReplyException.class, failure(vertx.eventBus().request(address, body)));
    }

    @Test
    void plainJsonObjectGetsAJsonRpcResponse() {
        JsonObject reply = request(RpcAddresses.RPC_DEFAULT,
                new JsonObject().put("method", "eth_chainId").put("params", new JsonArray()).put("id", "abc"));
        assertEquals("0x7a69", reply.getString("result"));
        assertEquals("abc", reply.getValue("id"), "the caller's id comes back");
        assertEquals("2.0", reply.getString("jsonrpc"));
        JsonObject named = request(RpcAddresses.rpc("anvil"), new JsonObject().put("method", "net_version"));
        assertEquals("31337", named.getString("result"));
        assertNull(named.getValue("id"));
    }

    @Test
    void numericIdsComeBackAsTheCallerWroteThem() {
        String ids = "[{\"id\":7,\"method\":\"eth_chainId\"},{\"id\":-3,\"method\":\"eth_chainId\"},"
                + "{\"id\":123456789012345678901234567890,\"method\":\"eth_chainId\"},{\"id\":0,\"method\":\"eth_chainId\"}]";
        Buffer reply = result(vertx.eventBus().<Buffer>request(RpcAddresses.RPC_DEFAULT, Buffer.buffer(ids))).body();
        String text = reply.toString();
        for (String id : new String[] {"7", "-3", "123456789012345678901234567890", "0"}) {
            assertTrue(text.contains("\"id\":" + id + ",\"result\":\"0x7a69\""), text);
        }
    }

    @Test
    void jsonArrayIsABatchWithErrorsInPlace() {
        JsonArray reply = request(RpcAddresses.RPC_DEFAULT, new JsonArray()
                .add(new JsonObject().put("id", 1).put("method", "eth_chainId"))
                .add(new JsonObject().put("id", 2).put("method", "eth_noSuchMethod"))
                .add(new JsonObject().put("id", 3).put("params", new JsonArray()))
                .add(new JsonObject().put("id", 4).put("method", "net_listening")));
        assertEquals(4, reply.size());
        assertEquals("0x7a69", reply.getJsonObject(0).getString("result"));
        assertEquals(-32601, reply.getJsonObject(1).getJsonObject("error").getInteger("code"));
        assertEquals(2, reply.getJsonObject(1).getInteger("id"));
        assertEquals(EventBusErrors.INVALID_REQUEST, reply.getJsonObject(2).getJsonObject("error").getInteger("code"));
        assertEquals(true, reply.getJsonObject(3).getBoolean("result"));
    }

    @Test
    void stringAndBufferBodiesAreServedInKind() {
        String text = request(RpcAddresses.RPC_DEFAULT, "{\"method\":\"eth_chainId\",\"params\":[],\"id\":9}");
        assertTrue(text.contains("\"result\":\"0x7a69\""), text);
        Buffer buffer = request(RpcAddresses.RPC_DEFAULT, Buffer.buffer("{\"method\":\"eth_noSuchMethod\",\"id\":5}"));
        JsonObject error = new JsonObject(buffer).getJsonObject("error");
        assertEquals(-32601, error.getInteger("code"), "buffer callers get the whole error object");
    }

    @Test
    void nodeErrorsFailTheMessageWithCodeAndMessage() {
        ReplyException e = requestFailure(RpcAddresses.RPC_DEFAULT, new JsonObject().put("method", "eth_noSuchMethod"));
        assertEquals(-32601, e.failureCode());
        assertTrue(e.getMessage().toLowerCase().contains("method"), e.getMessage());
    }

    @Test
    void badInputOnTheBusGetsClearErrors() {
        assertEquals(EventBusErrors.PARSE_ERROR, requestFailure(RpcAddresses.RPC_DEFAULT, "not json {").failureCode());
        assertEquals(EventBusErrors.INVALID_REQUEST,
                requestFailure(RpcAddresses.RPC_DEFAULT, new JsonObject().put("params", new JsonArray())).failureCode());
        assertEquals(EventBusErrors.INVALID_REQUEST,
                requestFailure(RpcAddresses.RPC_DEFAULT, new JsonObject().put("method", "eth_chainId").put("params", "x")).failureCode());
        assertEquals(EventBusErrors.INVALID_REQUEST, requestFailure(RpcAddresses.RPC_DEFAULT, new JsonArray()).failureCode());
        assertEquals(EventBusErrors.INVALID_REQUEST, requestFailure(RpcAddresses.RPC_DEFAULT, "42").failureCode());
        ReplyException typed = requestFailure(RpcAddresses.RPC_DEFAULT, 42);
        assertEquals(EventBusErrors.PARSE_ERROR, typed.failureCode());
        assertTrue(typed.getMessage().contains("unsupported body type"), typed.getMessage());
    }

    @Test
    void clientOverTheBusGetsTypedErrors() {
        EthClient client = EthClient.overEventBus(vertx, "anvil");
        RpcException rpc = assertInstanceOf(RpcException.class, failure(client.request("eth_noSuchMethod")));
        assertEquals(-32601, rpc.code());
        assertEquals("eth_noSuchMethod", rpc.method());
        EthClient nobody = EthClient.overEventBus(vertx, "nowhere");
        ProviderConnectionException none = assertInstanceOf(ProviderConnectionException.class,
                failure(nobody.eth().chainId()));
        assertTrue(none.getMessage().contains("ethbus.rpc.nowhere"), none.getMessage());
    }

    /** An address whose mixed case fails the EIP-55 checksum: the node's validation layer refuses it. */
    static final String BAD_CHECKSUM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";

    @Test
    void requestsRefusedOnTheNodeReachTheClientWithTheirType() {
        EthClient client = EthClient.overEventBus(vertx, "anvil");
        InvalidAddressException address = assertInstanceOf(InvalidAddressException.class,
                failure(client.request("eth_getBalance", BAD_CHECKSUM, "latest")));
        assertTrue(address.getMessage().contains(BAD_CHECKSUM), address.getMessage());
        InvalidHexException hex = assertInstanceOf(InvalidHexException.class,
                failure(client.request("eth_getBlockByNumber", "newest", false)));
        assertTrue(hex.getMessage().contains("newest"), hex.getMessage());
        // a caller in another language sees the JSON-RPC code on the failed message
        ReplyException plain = requestFailure(RpcAddresses.rpc("anvil"), new JsonObject().put("method", "eth_getBalance")
                .put("params", new JsonArray().add(BAD_CHECKSUM).add("latest")));
        assertEquals(EventBusErrors.INVALID_PARAMS, plain.failureCode());
        assertTrue(plain.getMessage().contains(BAD_CHECKSUM), plain.getMessage());
    }

    @Test
    void aBatchItemRefusedOnTheNodeFailsOnlyItself() {
        EthClient client = EthClient.overEventBus(vertx, "anvil");
        Batch batch = client.batch();
        Future<JsonNode> chainId = batch.add("eth_chainId");
        Future<JsonNode> badAddress = batch.add("eth_getBalance", BAD_CHECKSUM, "latest");
        Future<JsonNode> balance = batch.add("eth_getBalance", BAD_CHECKSUM.toLowerCase(), "latest");
        Future<JsonNode> badBlock = batch.add("eth_getBlockByNumber", "newest", false);
        Future<JsonNode> unknown = batch.add("eth_noSuchMethod");
        result(batch.send());
        assertEquals("0x7a69", result(chainId).asText());
        assertInstanceOf(InvalidAddressException.class, failure(badAddress));
        assertTrue(result(balance).asText().startsWith("0x"));
        assertInstanceOf(InvalidHexException.class, failure(badBlock));
        assertEquals(-32601, assertInstanceOf(RpcException.class, failure(unknown)).code(), "the node's own error stays one");

        // on the wire: the error object in place, with its JSON-RPC code and its type
        JsonArray reply = request(RpcAddresses.rpc("anvil"), new JsonArray()
                .add(new JsonObject().put("id", 1).put("method", "eth_chainId"))
                .add(new JsonObject().put("id", 2).put("method", "eth_getBalance")
                        .put("params", new JsonArray().add(BAD_CHECKSUM).add("latest"))));
        assertEquals("0x7a69", reply.getJsonObject(0).getString("result"));
        JsonObject error = reply.getJsonObject(1).getJsonObject("error");
        assertEquals(EventBusErrors.INVALID_PARAMS, error.getInteger("code"));
        assertEquals("invalid_address", error.getJsonObject("data").getString(EventBusErrors.TYPE_MEMBER));
        assertEquals(2, reply.getJsonObject(1).getInteger("id"));
    }

    @Test
    void deadlineStopsWorkOnTheNodeSide() {
        EthClient client = EthClient.overEventBus(vertx, "stalled", Duration.ofMillis(300));
        long t0 = System.nanoTime();
        Throwable e = failure(client.eth().chainId());
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        ProviderTimeoutException timeout = assertInstanceOf(ProviderTimeoutException.class, e);
        assertEquals("eth_chainId", timeout.method());
        assertTrue(elapsedMs < 5_000, "failed after " + elapsedMs + " ms, not at the 300 ms deadline");
        ReplyException cause = assertInstanceOf(ReplyException.class, timeout.getCause());
        assertEquals(EventBusErrors.TIMEOUT, cause.failureCode(), "the node side answered the deadline");

        ReplyException expired = assertInstanceOf(ReplyException.class, failure(vertx.eventBus().request(
                RpcAddresses.RPC_DEFAULT, new JsonObject().put("method", "eth_chainId"),
                new DeliveryOptions().addHeader(RpcHeaders.DEADLINE, Long.toString(System.currentTimeMillis() - 1)))));
        assertEquals(EventBusErrors.TIMEOUT, expired.failureCode());
    }

    @Test
    void traceIdAppearsInTheLogsOfBothSides() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public synchronized void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger node = Logger.getLogger(EventBusRpcHandler.class.getName());
        Logger caller = Logger.getLogger(EventBusTransport.class.getName());
        node.setLevel(Level.FINE);
        caller.setLevel(Level.FINE);
        node.addHandler(capture);
        caller.addHandler(capture);
        try {
            result(EthClient.overEventBus(vertx, "anvil").eth().chainId());
        } finally {
            node.removeHandler(capture);
            caller.removeHandler(capture);
            node.setLevel(null);
            caller.setLevel(null);
        }
        List<String> callerLines = new ArrayList<>();
        List<String> nodeLines = new ArrayList<>();
        synchronized (capture) {
            for (LogRecord r : records) {
                String line = java.text.MessageFormat.format(r.getMessage(), r.getParameters());
                (r.getLoggerName().equals(caller.getName()) ? callerLines : nodeLines).add(line);
            }
        }
        Matcher m = Pattern.compile("trace=([0-9a-f]{16})").matcher(String.join("\n", callerLines));
        assertTrue(m.find(), "caller side logged no trace id: " + callerLines);
        String trace = m.group(1);
        assertTrue(nodeLines.stream().anyMatch(l -> l.contains("trace=" + trace)),
                "node side did not log trace " + trace + ": " + nodeLines);
    }
}
