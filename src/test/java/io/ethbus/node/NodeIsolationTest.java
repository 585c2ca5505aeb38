package io.ethbus.node;

import io.ethbus.client.EthClient;
import io.ethbus.primitives.Keccak;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.eth.Block;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seed-001: a session cache shared between workers mixed up their responses. Eight node
 * verticle instances and four caller verticles exchange 20,000 interleaved calls whose
 * answers have different JSON shapes and are unique per call; every answer must be the one
 * for its own call, and no two instances may share a provider or an onion.
 */
@ExtendWith(AnvilExtension.class)
class NodeIsolationTest {
    static final int NODE_INSTANCES = 8;
    static final int CALLERS = 4;
    static final int CALLS_PER_CALLER = 5_000;
    static final int BURST = 500;

    /** Issues its calls in bursts and counts answers that do not belong to their call. */
    static final class CallerVerticle extends VerticleBase {
        final int callerIndex;
        final List<Address> accounts;
        final Map<Address, BigInteger> balances;
        final long head;
        final AtomicInteger mismatches;
        final AtomicInteger completed;
        final Set<String> errors;

        CallerVerticle(int callerIndex, List<Address> accounts, Map<Address, BigInteger> balances, long head,
                       AtomicInteger mismatches, AtomicInteger completed, Set<String> errors) {
            this.callerIndex = callerIndex;
            this.accounts = accounts;
            this.balances = balances;
            this.head = head;
            this.mismatches = mismatches;
            this.completed = completed;
            this.errors = errors;
        }

        @Override
        public Future<?> start() {
            EthClient client = EthClient.overEventBus(vertx, "default");
            Promise<Void> done = Promise.promise();
            burst(client, 0, done);
            return done.future();
        }

        private void burst(EthClient client, int from, Promise<Void> done) {
            if (from >= CALLS_PER_CALLER) {
                done.complete();
                return;
            }
            List<Future<Boolean>> inFlight = new ArrayList<>(BURST);
            for (int i = from; i < Math.min(from + BURST, CALLS_PER_CALLER); i++) {
                inFlight.add(call(client, i));
            }
            Future.join(inFlight).onComplete(ar -> {
                for (Future<Boolean> f : inFlight) {
                    if (f.failed()) {
                        errors.add(f.cause().toString());
                    } else if (!f.result()) {
                        mismatches.incrementAndGet();
                    }
                    completed.incrementAndGet();
                }
                burst(client, from + BURST, done);
            });
        }

        /** One call of a shape chosen by {@code i}; true when its answer is the one expected for it. */
        private Future<Boolean> call(EthClient client, int i) {
            int unique = callerIndex * CALLS_PER_CALLER + i;
            switch (i % 5) {
                case 0: { // quantity, unique per account
                    Address a = accounts.get(unique % accounts.size());
                    return client.eth().getBalance(a, BlockId.LATEST).map(b -> b.equals(balances.get(a)));
                }
                case 1: { // object
                    long n = unique % (head + 1);
                    return client.eth().getBlockByNumber(BlockId.number(n), false)
                            .map(b -> b.map(Block::number).equals(Optional.of(n)));
                }
                case 2: // boolean
                    return client.net().listening();
                case 3: // array
                    return client.eth().accounts().map(accounts::equals);
                default: { // data, unique per call
                    byte[] data = ("call-" + unique).getBytes(StandardCharsets.UTF_8);
                    return client.web3().sha3(Bytes.wrap(data)).map(h -> h.equals(new Hash(Keccak.keccak256(data))));
                }
            }
        }
    }

    @Test
    void everyReplyMatchesItsOwnRequestAndInstancesShareNothing(DevChain chain) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(NODE_INSTANCES));
        try {
            JsonObject config = new JsonObject().put("endpoints", new JsonObject()
                    .put("default", new JsonObject().put("url", chain.httpUrl()).put("maxPoolSize", 8)));
            List<NodeVerticle> nodes = Collections.synchronizedList(new ArrayList<>());
            result(vertx.deployVerticle(() -> {
                NodeVerticle n = new NodeVerticle();
                nodes.add(n);
                return n;
            }, new DeploymentOptions().setInstances(NODE_INSTANCES).setConfig(config)));

            EthClient setup = EthClient.overEventBus(vertx, "default");
            List<Address> accounts = result(setup.eth().accounts());
            Map<Address, BigInteger> balances = new ConcurrentHashMap<>();
            for (int k = 0; k < accounts.size(); k++) {
                // Distinct balances, so that an answer for another account is told apart.
                BigInteger balance = BigInteger.TEN.pow(21).add(BigInteger.valueOf(k * 1_000_003L + 7));
                result(setup.request("anvil_setBalance", accounts.get(k).toChecksumHex(), Hex.quantity(balance)));
                balances.put(accounts.get(k), balance);
            }
            result(setup.request("anvil_mine", "0x20"));
            long head = result(setup.eth().blockNumber());

            AtomicInteger mismatches = new AtomicInteger();
            AtomicInteger completed = new AtomicInteger();
            Set<String> errors = ConcurrentHashMap.newKeySet();
            List<Future<String>> callers = new ArrayList<>();
            for (int c = 0; c < CALLERS; c++) {
                callers.add(vertx.deployVerticle(new CallerVerticle(c, accounts, balances, head,
                        mismatches, completed, errors)));
            }
            result(Future.all(callers), 240);

            assertEquals(CALLERS * CALLS_PER_CALLER, completed.get());
            assertEquals(Set.of(), errors);
            assertEquals(0, mismatches.get(), "answers delivered to the wrong call");

            assertEquals(NODE_INSTANCES, nodes.size());
            Map<Object, Boolean> seen = new IdentityHashMap<>();
            for (NodeVerticle node : nodes) {
                NodeVerticle.EndpointStack stack = node.stacks().get("default");
                assertTrue(seen.put(stack.provider(), true) == null, "a provider is shared between instances");
                assertTrue(seen.put(stack.onion(), true) == null, "an onion is shared between instances");
                assertNotSame(stack.provider(), stack.onion());
                assertTrue(stack.onion().size() > 0, "the default node onion has layers");
                for (Object layer : stack.onion().middlewares()) {
                    // Caches and every other layer belong to one instance only.
                    assertTrue(seen.put(layer, true) == null, "a middleware is shared between instances: " + layer);
                }
            }
        } finally {
            result(vertx.close());
        }
    }
}
