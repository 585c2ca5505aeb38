package io.ethbus.provider;

import io.ethbus.devchain.DevChain;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ResponseBudget;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WebSocket and IPC answers count against the JVM's answer budget as they arrive, like HTTP
 * answers: one that passes the budget or the connection's ceiling fails its own call, typed,
 * on a connection that stays open for the calls after it, and every way out gives the bytes back.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PersistentAnswerBudgetTest {
    /** Answers of this many eth_getBalance calls take about 130 kB. */
    static final int LARGE_BATCH = 2_000;

    Vertx vertx;
    DevChain chain;
    ResponseBudget budget;

    @BeforeAll
    void start(DevChain chain) {
        this.chain = chain;
        vertx = Vertx.vertx();
        budget = ResponseBudget.of(vertx);
    }

    @AfterAll
    void stop() {
        result(vertx.close());
    }

    SubscriptionProvider provider(String kind, int maxMessageBytes, AtomicInteger disconnects) {
        String target = kind.equals("ws") ? chain.wsUrl() : chain.ipcPath().toString();
        ConnectionOptions options = new ConnectionOptions(target, ConnectionOptions.DEFAULT_CONNECT_TIMEOUT,
                ConnectionOptions.DEFAULT_REQUEST_TIMEOUT, maxMessageBytes, null);
        SubscriptionProvider p = kind.equals("ws") ? new WebSocketProvider(vertx, options) : new IpcProvider(vertx, options);
        p.disconnectHandler(reason -> disconnects.incrementAndGet());
        return p;
    }

    List<RpcRequest> balances(int count, int firstId) {
        List<RpcRequest> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(new RpcRequest(firstId + i, "eth_getBalance",
                    JsonRpcCodec.params(chain.accounts().get(i % chain.accounts().size()), "latest")));
        }
        return calls;
    }

    /** The reader gives an answer's bytes back once the call has its result: just after the caller may see it. */
    void givenBack(String when) {
        Await.until("no answer bytes held " + when, () -> budget.inFlight() == 0, 10);
    }

    static RpcRequest chainId(int id) {
        return new RpcRequest(id, "eth_chainId", JsonRpcCodec.params());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "ipc"})
    void anAnswerPastTheSharedBudgetFailsItsCallAndTheConnectionGoesOn(String kind) {
        AtomicInteger disconnects = new AtomicInteger();
        SubscriptionProvider p = provider(kind, ConnectionOptions.defaultMaxMessageBytes(), disconnects);
        assertEquals("0x7a69", result(p.send(chainId(1))).result().asText());
        List<RpcRequest> batch = balances(LARGE_BATCH, 100);
        // other answers hold all of the budget but 50 kB
        long others = budget.total() - budget.inFlight() - 50_000;
        assertTrue(budget.tryReserve(others));
        try {
            PayloadTooLargeException refused = assertInstanceOf(PayloadTooLargeException.class, failure(p.sendBatch(batch)));
            assertEquals(JsonRpcCodec.batchLabel(batch), refused.method(), "the call the answer was for");
            assertTrue(refused.getMessage().contains("half of the") && refused.getMessage().contains("-Xmx"),
                    refused.getMessage());
            assertEquals(others, budget.inFlight(), "the refused answer gave its bytes back");
            assertEquals("0x7a69", result(p.send(chainId(2))).result().asText(), "a later call on the same connection");
        } finally {
            budget.release(others);
        }
        List<RpcResponse> answered = result(p.sendBatch(balances(LARGE_BATCH, 10_000)));
        assertEquals(LARGE_BATCH, answered.size(), "with room in the budget the same answer is read");
        assertEquals(10_000 + LARGE_BATCH - 1, answered.get(LARGE_BATCH - 1).id());
        givenBack("after an answer read whole");
        assertEquals(0, disconnects.get(), "one connection all along");
        result(p.close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "ipc"})
    void anAnswerPastTheCeilingFailsItsCallAndTheConnectionGoesOn(String kind) {
        AtomicInteger disconnects = new AtomicInteger();
        SubscriptionProvider p = provider(kind, 20_000, disconnects);
        PayloadTooLargeException refused = assertInstanceOf(PayloadTooLargeException.class,
                failure(p.sendBatch(balances(LARGE_BATCH, 100))));
        assertEquals(20_000, refused.limit());
        assertTrue(refused.getMessage().contains("maxMessageBytes"), refused.getMessage());
        assertEquals(0, budget.inFlight());
        assertEquals("0x7a69", result(p.send(chainId(1))).result().asText());

        // many calls at once on the one connection, some answers too large: each fails alone
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            calls.add(i % 4 == 0 ? p.sendBatch(balances(LARGE_BATCH, 100_000 * (i + 1))) : p.send(chainId(50 + i)));
        }
        Future.join(new ArrayList<>(calls)).otherwiseEmpty().toCompletionStage().toCompletableFuture().join();
        for (int i = 0; i < calls.size(); i++) {
            if (i % 4 == 0) {
                assertInstanceOf(PayloadTooLargeException.class, calls.get(i).cause(), "call " + i);
            } else {
                assertEquals("0x7a69", ((RpcResponse) calls.get(i).result()).result().asText(), "call " + i);
            }
        }
        givenBack("after answers read together");
        assertEquals(0, disconnects.get(), "one connection all along");
        result(p.close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws", "ipc"})
    void aConnectionClosedWhileAnAnswerIsReadGivesItsBytesBack(String kind) {
        SubscriptionProvider p = provider(kind, ConnectionOptions.defaultMaxMessageBytes(), new AtomicInteger());
        assertEquals("0x7a69", result(p.send(chainId(1))).result().asText());
        Future<List<RpcResponse>> large = p.sendBatch(balances(10 * LARGE_BATCH, 100)); // about 650 kB
        // close as soon as the answer is being read (over IPC it arrives in many reads), or when it is in
        while (budget.inFlight() == 0 && !large.isComplete()) {
            Thread.onSpinWait();
        }
        boolean cut = !large.isComplete();
        result(p.close());
        Throwable outcome = result(large.map(answers -> (Throwable) null).otherwise(e -> e));
        System.out.println("[" + kind + "] closed " + (cut ? "while the answer was read: " + outcome : "after the answer"));
        if (outcome != null) {
            assertInstanceOf(EthbusException.class, outcome);
        }
        givenBack("after the connection closed " + (cut ? "mid-answer" : "after the answer"));
    }
}
