package io.ethbus.bus;

import io.ethbus.cluster.ClusterMember;
import io.ethbus.cluster.ClusterOptions;
import io.ethbus.cluster.ClusteredVertx;
import io.ethbus.devchain.DevChain;
import io.ethbus.node.NodeVerticle;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.LocalCluster;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.impl.MessageImpl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request bodies from another cluster member, as any Vert.x program may send them (a
 * JsonObject, JsonArray or string): one above {@code maxRequestBytes} is refused without
 * being decoded, a large one is not decoded on the node's event loop, a small one is read at
 * once. Two members in this JVM: their messages still cross TCP, as between machines.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusteredRequestBodyTest {
    static final long CAP = 1024 * 1024;
    /** The node's one worker thread: while a test holds it, nothing the node hands to a worker can run. */
    static final String WORKERS = "ethbus-clustered-body-test";

    ClusterMember node;
    ClusterMember caller;
    WorkerExecutor nodeWorker;
    /** Whether the node's handler left the last request's body undecoded when it returned, on the node's event loop. */
    final AtomicReference<Boolean> undecodedAfterHandler = new AtomicReference<>();

    @BeforeAll
    void start(DevChain chain) throws Exception {
        ClusterOptions fresh = LocalCluster.freshOptions();
        ClusterOptions options = new ClusterOptions(fresh.configFile(), fresh.name(), fresh.members(),
                fresh.networkInterface(), fresh.port(), "none", null);
        node = result(ClusteredVertx.start(options), 120);
        caller = result(ClusteredVertx.start(options), 120);
        JsonObject config = new JsonObject().put("defaultEndpoint", "capped").put("endpoints", new JsonObject()
                .put("capped", new JsonObject().put("url", chain.httpUrl()).put("maxRequestBytes", CAP)));
        result(node.vertx().deployVerticle(new NodeVerticle(), new DeploymentOptions().setConfig(config)
                .setWorkerPoolName(WORKERS).setWorkerPoolSize(1)));
        nodeWorker = node.vertx().createSharedWorkerExecutor(WORKERS, 1);
        // Vert.x keeps a body from the wire in MessageImpl.receivedBody once decoded: null means not decoded yet
        Field receivedBody = MessageImpl.class.getDeclaredField("receivedBody");
        receivedBody.setAccessible(true);
        node.vertx().eventBus().addInboundInterceptor(delivery -> {
            if (!delivery.message().address().equals(RpcAddresses.rpc("capped"))) {
                delivery.next();
                return;
            }
            delivery.next(); // runs the node's handler, on this thread
            try {
                undecodedAfterHandler.set(receivedBody.get(delivery.message()) == null);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @AfterAll
    void stop() {
        for (ClusterMember member : new ClusterMember[]{caller, node}) {
            if (member != null) {
                result(member.close(), 30);
            }
        }
    }

    Message<Object> request(Object body) {
        undecodedAfterHandler.set(null);
        return result(caller.vertx().eventBus().request(RpcAddresses.rpc("capped"), body), 60);
    }

    ReplyException refusal(Object body) {
        undecodedAfterHandler.set(null);
        return assertInstanceOf(ReplyException.class,
                failure(caller.vertx().eventBus().request(RpcAddresses.rpc("capped"), body)));
    }

    /** Whether the handler left the body undecoded: the interceptor records it just after the reply left. */
    boolean leftUndecoded() {
        Await.until("the node's handler returned", () -> undecodedAfterHandler.get() != null, 30);
        return undecodedAfterHandler.get();
    }

    static JsonObject sha3(String hex) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", 7).put("method", "web3_sha3")
                .put("params", new JsonArray().add(hex));
    }

    @Test
    void aBodyAboveTheCeilingIsRefusedUndecoded() {
        JsonObject huge = sha3("0x" + "ab".repeat((int) CAP));
        for (Object body : List.of(huge, new JsonArray().add(huge), huge.encode())) {
            String type = body.getClass().getSimpleName();
            ReplyException refused = refusal(body);
            assertEquals(EventBusErrors.PAYLOAD_TOO_LARGE, refused.failureCode(), type + ": " + refused.getMessage());
            assertTrue(refused.getMessage().contains("maxRequestBytes"), refused.getMessage());
            assertTrue(leftUndecoded(), type + " was decoded before it was refused");
        }
        // as ethbus's own client sends it (RequestCodec): refused as undecoded, with the caller's typed error
        undecodedAfterHandler.set(null);
        PayloadTooLargeException typed = assertInstanceOf(PayloadTooLargeException.class, failure(
                new EventBusTransport(caller.vertx(), "capped", Duration.ofSeconds(60)).send(call(huge))));
        assertEquals(CAP, typed.limit());
        assertTrue(leftUndecoded(), "a call from ethbus's client was decoded before it was refused");
        // the endpoint goes on serving
        assertEquals("0x7a69", ((JsonObject) request(new JsonObject().put("id", 1).put("method", "eth_chainId")).body())
                .getString("result"));
    }

    @Test
    void aLargeAllowedBodyIsDecodedOffTheEventLoopAndAnswered() {
        String hex = "0x" + "cd".repeat(200_000); // about 400 kB: above the 64 KiB parsed on the event loop, below the cap
        // the node's worker is held until the handler has returned, so that only the event loop can have decoded
        CountDownLatch held = new CountDownLatch(1);
        nodeWorker.executeBlocking(() -> held.await(60, TimeUnit.SECONDS), false);
        undecodedAfterHandler.set(null);
        Future<Message<Object>> pending = caller.vertx().eventBus().request(RpcAddresses.rpc("capped"), sha3(hex));
        boolean undecoded = leftUndecoded();
        boolean waitedForTheWorker = !pending.isComplete();
        held.countDown();
        assertTrue(waitedForTheWorker, "the body is read on the node's worker, held until now");
        assertTrue(undecoded, "decoded on the node's event loop");
        JsonObject answer = (JsonObject) result(pending, 60).body();
        assertEquals(7, answer.getInteger("id"));
        assertEquals(66, answer.getString("result").length(), answer.encode());

        // a small body is read at once: proof that the probe sees a decoded body
        Message<Object> small = request(sha3("0x01"));
        assertFalse(leftUndecoded(), "a small body is decoded at once");
        assertNotNull(((JsonObject) small.body()).getString("result"));
        // the same hex as a Buffer, and as ethbus's own client sends it (RequestCodec), gets the same hash
        Message<Object> asBuffer = request(Buffer.buffer(sha3(hex).encode()));
        assertEquals(answer.getString("result"), new JsonObject((Buffer) asBuffer.body()).getString("result"));
        RpcResponse typed = result(new EventBusTransport(caller.vertx(), "capped", Duration.ofSeconds(60)).send(call(sha3(hex))), 60);
        assertEquals(answer.getString("result"), typed.result().asText());
    }

    static RpcRequest call(JsonObject request) {
        return new RpcRequest(request.getLong("id"), request.getString("method"),
                JsonRpcCodec.params(request.getJsonArray("params").getString(0)));
    }
}
