package io.ethbus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.TcpFaultProxy;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WebSocket and IPC providers against a real anvil: calls, batches, pushed subscriptions. */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersistentConnectionProviderTest {
    Vertx vertx;
    DevChain chain;

    @BeforeAll
    void start(DevChain chain) {
        this.chain = chain;
        vertx = Vertx.vertx();
    }

    @AfterAll
    void stop() {
        result(vertx.close());
    }

    SubscriptionProvider provider(String kind) {
        return kind.equals("ws")
                ? new WebSocketProvider(vertx, ConnectionOptions.of(chain.wsUrl()))
                : new IpcProvider(vertx, ConnectionOptions.of(chain.ipcPath().toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "ipc"})
    void callsAndBatchesAreMatchedById(String kind) {
        SubscriptionProvider p = provider(kind);
        try {
            RpcResponse chainId = result(p.send(new RpcRequest(1, "eth_chainId", JsonRpcCodec.params())));
            assertEquals("0x7a69", chainId.result().asText());
            List<RpcRequest> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(new RpcRequest(100 + i, i % 2 == 0 ? "eth_chainId" : "net_version", JsonRpcCodec.params()));
            }
            List<RpcResponse> answers = result(p.sendBatch(batch));
            for (int i = 0; i < 50; i++) {
                assertEquals(100 + i, answers.get(i).id());
                assertEquals(i % 2 == 0 ? "0x7a69" : "31337", answers.get(i).result().asText());
            }
            // Many single calls in flight at once on one connection.
            List<io.vertx.core.Future<RpcResponse>> inFlight = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                inFlight.add(p.send(new RpcRequest(1000 + i, "eth_getBalance",
                        JsonRpcCodec.params(chain.accounts().get(i % chain.accounts().size()), "latest"))));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals(1000 + i, result(inFlight.get(i)).id());
            }
            RpcResponse error = result(p.send(new RpcRequest(5, "eth_noSuchMethod", JsonRpcCodec.params())));
            // anvil answers -32601 over HTTP but -32602 over WS and IPC: any node error comes back as an answer.
            assertTrue(error.isError());
            assertEquals(5, error.id());
        } finally {
            result(p.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "ipc"})
    void newHeadsArePushedUntilUnsubscribed(String kind) {
        SubscriptionProvider p = provider(kind);
        try {
            List<JsonNode> heads = new CopyOnWriteArrayList<>();
            Promise<Void> three = Promise.promise();
            String id = result(p.subscribe("newHeads", null, head -> {
                heads.add(head);
                if (heads.size() == 3) {
                    three.tryComplete();
                }
            }));
            long before = Long.decode(result(p.send(new RpcRequest(2, "eth_blockNumber", JsonRpcCodec.params())))
                    .result().asText());
            result(p.send(new RpcRequest(3, "anvil_mine", JsonRpcCodec.params("0x3"))));
            result(three.future(), 10);
            for (int i = 0; i < 3; i++) {
                assertEquals(before + 1 + i, Long.decode(heads.get(i).get("number").asText()));
            }
            assertTrue(result(p.unsubscribe(id)));
            int seen = heads.size();
            result(p.send(new RpcRequest(4, "anvil_mine", JsonRpcCodec.params("0x2"))));
            result(p.send(new RpcRequest(5, "eth_blockNumber", JsonRpcCodec.params())));
            assertEquals(seen, heads.size(), "no notification after unsubscribe");
        } finally {
            result(p.close());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "ipc"})
    void unreachableNodeIsATypedConnectionError(String kind) {
        SubscriptionProvider p = kind.equals("ws")
                ? new WebSocketProvider(vertx, ConnectionOptions.of("ws://127.0.0.1:1"))
                : new IpcProvider(vertx, ConnectionOptions.of(chain.ipcPath() + ".missing"));
        ProviderConnectionException e = assertInstanceOf(ProviderConnectionException.class,
                failure(p.send(new RpcRequest(1, "eth_chainId", JsonRpcCodec.params()))));
        assertEquals("eth_chainId", e.method());
        result(p.close());
        assertInstanceOf(ProviderConnectionException.class,
                failure(p.send(new RpcRequest(2, "eth_chainId", JsonRpcCodec.params()))));
    }

    @org.junit.jupiter.api.Test
    void readsInFlightAreReissuedAfterADropAndSendsAreNot() {
        try (TcpFaultProxy proxy = new TcpFaultProxy(vertx, chain.port())) {
            WebSocketProvider p = new WebSocketProvider(vertx, ConnectionOptions.of("ws://127.0.0.1:" + proxy.port()));
            assertEquals("0x7a69", result(p.send(new RpcRequest(1, "eth_chainId", JsonRpcCodec.params()))).result().asText());

            proxy.swallow(true);
            io.vertx.core.Future<RpcResponse> read = p.send(new RpcRequest(2, "eth_chainId", JsonRpcCodec.params()));
            io.vertx.core.Future<RpcResponse> send = p.send(new RpcRequest(3, "eth_sendRawTransaction",
                    JsonRpcCodec.params("0x1234")));
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            assertTrue(!read.isComplete() && !send.isComplete(), "both calls are in flight");
            proxy.swallow(false);
            proxy.dropAll();

            assertEquals("0x7a69", result(read).result().asText(), "the read is sent again on a new connection");
            ProviderConnectionException e = assertInstanceOf(ProviderConnectionException.class, failure(send));
            assertEquals("eth_sendRawTransaction", e.method());
            assertEquals(2, proxy.accepted(), "one reconnection");
            result(p.close());
        }
    }

    @org.junit.jupiter.api.Test
    void keepAlivePingsAreOptInAndAnswered() {
        WebSocketProvider quiet = new WebSocketProvider(vertx, ConnectionOptions.of(chain.wsUrl()));
        WebSocketProvider pinging = new WebSocketProvider(vertx,
                ConnectionOptions.of(chain.wsUrl()).withPingInterval(java.time.Duration.ofMillis(50)));
        result(quiet.send(new RpcRequest(1, "eth_chainId", JsonRpcCodec.params())));
        result(pinging.send(new RpcRequest(1, "eth_chainId", JsonRpcCodec.params())));
        java.util.concurrent.locks.LockSupport.parkNanos(600_000_000L);
        assertEquals(0, quiet.pongs(), "no pings unless asked for");
        assertTrue(pinging.pongs() >= 3, "pongs: " + pinging.pongs());
        result(quiet.close());
        result(pinging.close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "ipc"})
    void logsSubscriptionWithAFilterIsPushed(String kind) {
        SubscriptionProvider p = provider(kind);
        try {
            io.ethbus.rpc.RpcCaller caller = new io.ethbus.rpc.RpcCaller(p);
            String alice = chain.accounts().get(0);
            String deployHash = result(caller.request("eth_sendTransaction", JsonRpcCodec.mapper().createObjectNode()
                    .put("from", alice).put("input", io.ethbus.testsupport.LogEmitter.DEPLOY_INPUT))).asText();
            String contract = io.ethbus.testsupport.Mined.receipt(caller, deployHash).get("contractAddress").asText();
            List<JsonNode> logs = new CopyOnWriteArrayList<>();
            Promise<Void> got = Promise.promise();
            result(p.subscribe("logs", JsonRpcCodec.mapper().createObjectNode().put("address", contract), log -> {
                logs.add(log);
                got.tryComplete();
            }));
            String sent = result(caller.request("eth_sendTransaction", JsonRpcCodec.mapper().createObjectNode()
                    .put("from", alice).put("to", contract).put("input", "0xbeef"))).asText();
            result(got.future(), 10);
            assertEquals(sent, logs.get(0).get("transactionHash").asText());
            assertEquals("0xbeef", logs.get(0).get("data").asText());
        } finally {
            result(p.close());
        }
    }
}
