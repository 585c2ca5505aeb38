package io.ethbus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.RpcRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A call of ethbus's own client on the bus: itself within the JVM, its JSON between members, sized either way. */
class RequestCodecTest {
    Vertx vertx;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        RequestCodec.install(vertx);
        RequestCodec.install(vertx); // a second install (another client, another verticle) is a no-op
    }

    @AfterEach
    void stop() {
        result(vertx.close());
    }

    static RpcRequest call() {
        return new RpcRequest(42, "eth_call", JsonRpcCodec.params(Map.of("to", "0x" + "11".repeat(20), "data", "0xabcd"), "latest"));
    }

    @Test
    void aConsumerInThisJvmGetsACopyOfTheCallNoSharedTree() {
        RpcRequest sent = call();
        AtomicReference<Object> received = new AtomicReference<>();
        vertx.eventBus().consumer("codec-test", (Message<Object> m) -> {
            received.set(m.body());
            m.reply("ok");
        });
        result(vertx.eventBus().request("codec-test", sent, new DeliveryOptions().setCodecName(RequestCodec.NAME)));
        RpcRequest got = assertInstanceOf(RpcRequest.class, received.get());
        assertEquals(sent, got);
        assertNotSame(sent.params(), got.params(), "the params are copied, not shared between verticles");
        ((ArrayNode) got.params()).add("changed by the consumer");
        assertEquals(2, sent.params().size(), "the sender's call is untouched");
    }

    @Test
    void onTheWireACallIsItsJsonLengthFirstAndArrivesAsThatJson() {
        RpcRequest sent = call();
        Buffer wire = Buffer.buffer().appendString("frame before");
        int pos = wire.length();
        new RequestCodec().encodeToWire(wire, sent);
        byte[] json = JsonRpcCodec.encode(sent);
        assertEquals(json.length, wire.getInt(pos), "the length first, as UndecodedBody reads it");
        Buffer decoded = assertInstanceOf(Buffer.class, new RequestCodec().decodeFromWire(pos, wire.appendString("after")));
        assertArrayEquals(json, decoded.getBytes());
    }

    @Test
    void theNodeReadsTheCallAsTheTreeItsJsonParsesTo() throws Exception {
        RpcRequest sent = call();
        RequestBodyReader reader = new RequestBodyReader(vertx, "test", 1024 * 1024);
        JsonNode tree = result(reader.read((Object) sent));
        assertEquals(JsonRpcCodec.mapper().readTree(JsonRpcCodec.encode(sent)).toString(), tree.toString());
    }

    @Test
    void aCallIsSizedByItsJsonWhateverItsChars() {
        // 40 control chars: 40 chars in Java, 240 bytes as JSON escapes
        RpcRequest escaped = new RpcRequest(1, "web3_sha3", JsonRpcCodec.params("\u0001".repeat(40)));
        int bytes = JsonRpcCodec.encode(escaped).length;
        assertTrue(bytes > 240, "escaped: " + bytes);
        PayloadTooLargeException refused = assertInstanceOf(PayloadTooLargeException.class,
                failure(new RequestBodyReader(vertx, "test", bytes - 1).read((Object) escaped)));
        assertEquals(bytes, refused.bytesSeen());
        assertEquals("web3_sha3", result(new RequestBodyReader(vertx, "test", bytes).read((Object) escaped)).get("method").asText());

        // a call above the size parsed on the event loop is sized exactly on a worker
        RpcRequest large = new RpcRequest(2, "web3_sha3", JsonRpcCodec.params("0x" + "ab".repeat(50_000)));
        long largeBytes = JsonRpcCodec.encode(large).length;
        assertTrue(largeBytes > RequestBodyReader.LARGE_BYTES);
        assertEquals(largeBytes, assertInstanceOf(PayloadTooLargeException.class,
                failure(new RequestBodyReader(vertx, "test", largeBytes - 1).read((Object) large))).bytesSeen());
        assertEquals(2, result(new RequestBodyReader(vertx, "test", largeBytes).read((Object) large)).get("id").asLong());

        // params nested deeper than the walk goes are sized by their JSON too
        ArrayNode deep = JsonRpcCodec.params("0x01");
        for (int i = 0; i < 100; i++) {
            deep = JsonRpcCodec.params(deep);
        }
        RpcRequest nested = new RpcRequest(3, "eth_call", deep);
        long nestedBytes = JsonRpcCodec.encode(nested).length;
        assertEquals(nestedBytes, assertInstanceOf(PayloadTooLargeException.class,
                failure(new RequestBodyReader(vertx, "test", nestedBytes - 1).read((Object) nested))).bytesSeen());
        assertEquals(deep.toString(), result(new RequestBodyReader(vertx, "test", nestedBytes).read((Object) nested)).get("params").toString());
    }
}
