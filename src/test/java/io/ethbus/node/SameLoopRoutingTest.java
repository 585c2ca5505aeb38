package io.ethbus.node;

import io.ethbus.bus.RpcAddresses;
import io.ethbus.bus.SameLoopRoutes;
import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.EventLoops;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Node verticles deployed one per event loop: every loop has one, a client's call from an event
 * loop goes to the instance on that loop; from any other thread, to the endpoint's address,
 * spread as before.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SameLoopRoutingTest {
    Vertx vertx;
    DevChain chain;
    final Set<String> addresses = ConcurrentHashMap.newKeySet();

    @BeforeAll
    void start(DevChain chain) {
        this.chain = chain;
        vertx = Vertx.vertx();
        vertx.eventBus().addOutboundInterceptor(delivery -> {
            String address = delivery.message().address();
            if (address.startsWith(RpcAddresses.rpc("anvil"))) {
                addresses.add(address);
            }
            delivery.next();
        });
        JsonObject config = new JsonObject().put("endpoints",
                new JsonObject().put("anvil", new JsonObject().put("url", chain.httpUrl())));
        result(NodeVerticle.deploy(vertx, config));
    }

    @AfterAll
    void stop() {
        result(vertx.close());
    }

    @Test
    void callsFromAnEventLoopAreServedOnItAndAnswered() {
        EthClient client = EthClient.overEventBus(vertx, "anvil");
        Address account = Address.of(chain.accounts().get(1));
        BigInteger balance = result(client.eth().getBalance(account, BlockId.LATEST));
        assertTrue(balance.signum() > 0);
        assertEquals(Set.of(RpcAddresses.rpc("anvil")), addresses, "a call from this thread goes to the endpoint's address");

        // every loop has an instance (its HTTP pool is made by its first call, not while the
        // instances deploy, when it would take a loop from them), so a caller on any loop is served there
        List<Context> loops = new ArrayList<>();
        for (int i = 0; i < VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE; i++) {
            loops.add(EventLoops.newLoop(vertx));
        }
        Set<String> threads = new HashSet<>();
        for (Context c : loops) {
            String thread = EventLoops.on(c, () -> Thread.currentThread().getName());
            threads.add(thread);
            assertEquals(RpcAddresses.rpc("anvil") + "@" + thread,
                    EventLoops.on(c, () -> SameLoopRoutes.addressFor(vertx, RpcAddresses.rpc("anvil"))), "routed on " + thread);
        }
        assertEquals(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, threads.size(), "one context on each loop");

        addresses.clear();
        Context loop = loops.get(loops.size() - 1);
        Promise<String> thread = Promise.promise();
        loop.runOnContext(v -> thread.complete(Thread.currentThread().getName()));
        Promise<List<BigInteger>> answers = Promise.promise();
        loop.runOnContext(v -> {
            List<Future<BigInteger>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(client.eth().getBalance(account, BlockId.LATEST));
            }
            Future.all(calls).map(all -> calls.stream().map(Future::result).toList()).onComplete(answers);
        });
        List<BigInteger> got = result(answers.future());
        assertEquals(20, got.size());
        got.forEach(b -> assertEquals(balance, b));
        assertEquals(Set.of(RpcAddresses.rpc("anvil") + "@" + result(thread.future())), addresses,
                "every call from the loop went to the instance on that loop");
    }
}
