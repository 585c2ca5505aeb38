package io.ethbus.client;

import io.ethbus.devchain.DevChain;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.provider.ConnectionOptions;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.provider.Provider;
import io.ethbus.provider.WebSocketProvider;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.Forks;
import io.ethbus.testsupport.LogEmitter;
import io.ethbus.testsupport.Mined;
import io.ethbus.testsupport.TcpFaultProxy;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static io.ethbus.testsupport.Await.onContext;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client without the event bus follows heads itself: over WebSocket a dropped connection is
 * backfilled, a reorg is reported with the blocks it removed, and logs follow the heads; over
 * HTTP heads are polled. A client made without a Vert.x says what it needs.
 */
@ExtendWith(AnvilExtension.class)
class DirectHeadsTest {
    @Test
    void webSocketHeadsAreGapFreeAcrossADropAndReportAReorg(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try (TcpFaultProxy proxy = new TcpFaultProxy(vertx, chain.port())) {
            RpcCaller http = new RpcCaller(new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl())));
            Context context = vertx.getOrCreateContext();
            List<JsonObject> events = new CopyOnWriteArrayList<>();
            SubscriptionStream<JsonObject> heads = onContext(context, () -> {
                EthClient client = EthClient.direct(vertx,
                        new WebSocketProvider(vertx, ConnectionOptions.of("ws://127.0.0.1:" + proxy.port())));
                return client.heads().handler(events::add);
            });
            long start = Long.decode(result(http.request("eth_blockNumber")).asText());
            until("the current head", () -> lastHead(events) >= start);
            result(http.request("anvil_mine", "0x3"));
            until("three new heads", () -> lastHead(events) == start + 3);

            proxy.refuse(true);
            proxy.dropAll();
            result(http.request("anvil_mine", "0x5"));
            LockSupport.parkNanos(300_000_000L);
            proxy.refuse(false);
            until("the gap backfilled", () -> lastHead(events) == start + 8);

            List<Long> numbers = numbers(events);
            List<Long> expected = new ArrayList<>();
            for (long n = numbers.get(0); n <= start + 8; n++) {
                expected.add(n);
            }
            assertEquals(expected, numbers, "every block number exactly once, in order");
            assertTrue(proxy.accepted() >= 2, "connected again");

            String snapshot = result(http.request("evm_snapshot")).asText();
            result(http.request("anvil_mine", "0x2"));
            until("two heads before the reorg", () -> lastHead(events) == start + 10);
            List<String> old = events.stream().filter(e -> e.getString("type").equals("head"))
                    .filter(e -> e.getLong("number") > start + 8).map(e -> e.getString("hash")).toList();
            Forks.revertAndFork(http, snapshot, 2);
            until("the new branch", () -> lastHead(events) == start + 11);
            JsonObject reorg = events.stream().filter(e -> e.getString("type").equals("reorg")).findFirst().orElseThrow();
            assertEquals(old, reorg.getJsonArray("removed").stream().map(o -> ((JsonObject) o).getString("hash")).toList());

            onContext(context, () -> {
                heads.close();
                return null;
            });
        } finally {
            result(vertx.close());
        }
    }

    @Test
    void httpHeadsArePolledAndLogsFollowThem(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try {
            EthClient setup = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl())));
            Address alice = result(setup.eth().accounts()).get(0);
            Hash deployed = result(setup.eth().sendTransaction(TransactionRequest.builder().from(alice)
                    .input(Bytes.of(LogEmitter.DEPLOY_INPUT)).build()));
            Address contract = Address.of(Mined.receipt(setup, deployed.toHex()).get("contractAddress").asText());

            Context context = vertx.getOrCreateContext();
            List<JsonObject> events = new CopyOnWriteArrayList<>();
            List<Log> logs = new CopyOnWriteArrayList<>();
            onContext(context, () -> {
                EthClient client = EthClient.direct(vertx, new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl())));
                client.heads().handler(events::add);
                client.logs(LogFilter.builder().address(contract).build()).handler(logs::add);
                return null;
            });
            long start = result(setup.eth().blockNumber());
            until("the current head, polled", () -> lastHead(events) >= start);
            Hash emitted = result(setup.eth().sendTransaction(TransactionRequest.builder().from(alice).to(contract)
                    .input(Bytes.of("0x01")).build()));
            Mined.receipt(setup, emitted.toHex());
            until("the emitted log", () -> !logs.isEmpty());
            assertEquals(emitted, logs.get(0).transactionHash());
            until("the head of the log's block", () -> lastHead(events) >= logs.get(0).blockNumber());
        } finally {
            result(vertx.close());
        }
    }

    @Test
    void aClientWithoutVertxSaysWhatItsStreamsNeed(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try {
            Provider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> EthClient.direct(provider).heads());
            assertTrue(e.getMessage().contains("EthClient.direct(vertx, provider)"), e.getMessage());
        } finally {
            result(vertx.close());
        }
    }

    private static void until(String what, java.util.function.BooleanSupplier condition) {
        Await.until(what, condition, 60);
    }

    private static long lastHead(List<JsonObject> events) {
        List<Long> n = numbers(events);
        return n.isEmpty() ? -1 : n.get(n.size() - 1);
    }

    private static List<Long> numbers(List<JsonObject> events) {
        return events.stream().filter(e -> e.getString("type").equals("head")).map(e -> e.getLong("number")).toList();
    }
}
