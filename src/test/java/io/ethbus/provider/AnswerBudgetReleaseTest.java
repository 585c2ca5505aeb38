package io.ethbus.provider;

import io.ethbus.devchain.DevChain;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ResponseBudget;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.JsonRpcFaultProxy;
import io.ethbus.testsupport.JsonRpcFaultProxy.Fault;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever way an HTTP answer ends, the bytes it reserved in the JVM's answer budget are given back. */
@ExtendWith(AnvilExtension.class)
class AnswerBudgetReleaseTest {
    Vertx vertx;
    JsonRpcFaultProxy proxy;
    ResponseBudget budget;

    @BeforeEach
    void start(DevChain chain) {
        vertx = Vertx.vertx();
        proxy = new JsonRpcFaultProxy(vertx, chain.port());
        budget = ResponseBudget.of(vertx);
    }

    @AfterEach
    void stop() {
        proxy.close();
        result(vertx.close());
    }

    RpcRequest block(int id) {
        return new RpcRequest(id, "eth_getBlockByNumber", JsonRpcCodec.params("0x0", true));
    }

    @Test
    void everyWayOutGivesTheBytesBack() {
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.builder(proxy.url())
                .requestTimeout(Duration.ofSeconds(2)).build());
        HttpProvider tight = new HttpProvider(vertx, HttpProviderOptions.builder(proxy.url()).maxResponseBytes(100).build());

        assertEquals("0x0", result(provider.send(block(1))).result().get("number").asText());
        assertEquals(0, budget.inFlight(), "after an answer");

        assertInstanceOf(PayloadTooLargeException.class, failure(tight.send(block(2))));
        assertEquals(0, budget.inFlight(), "after an answer above the ceiling");

        for (Fault fault : List.of(Fault.CUT, Fault.TRUNCATED, Fault.GARBAGE, Fault.RESET, Fault.UNAVAILABLE, Fault.STALL)) {
            proxy.fault(fault);
            assertInstanceOf(EthbusException.class, failure(provider.send(block(3))), fault.name());
            assertEquals(0, budget.inFlight(), "after " + fault);
        }
        proxy.fault(Fault.NONE);

        // many answers at once, some of them too large
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add((i % 3 == 0 ? tight : provider).send(block(100 + i)));
        }
        Future.join(new ArrayList<>(calls)).otherwiseEmpty().toCompletionStage().toCompletableFuture().join();
        assertTrue(calls.stream().anyMatch(Future::succeeded) && calls.stream().anyMatch(Future::failed));
        assertEquals(0, budget.inFlight(), "after answers in flight together");
        result(provider.close());
        result(tight.close());
    }
}
