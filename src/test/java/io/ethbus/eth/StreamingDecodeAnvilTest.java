package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCall;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.LogFlood;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.ethbus.testsupport.Await.result;
import static io.ethbus.testsupport.NodeJsonAssertions.assertMatchesNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Large answers of a real anvil read through the streaming path (raw result, element by
 * element): a getLogs answer of 19,900 logs and a block of 300 full transactions decode to
 * records that match the node's own JSON field by field. A chain of its own, as the test
 * turns automine off for a while.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamingDecodeAnvilTest {
    static final int LOGS = 19_900; // 1,500 gas a log: just under anvil's 30M-gas block
    static final int TRANSACTIONS = 300;

    DevChain chain;
    Vertx vertx;
    HttpProvider provider;
    EthClient client;
    Address alice;
    Address bob;

    @BeforeAll
    void start() {
        chain = DevChain.start(DevChainOptions.in(AnvilExtension.workDir().resolve("streaming-decode-chain")));
        vertx = Vertx.vertx();
        provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        client = EthClient.direct(provider);
        List<Address> accounts = result(client.eth().accounts());
        alice = accounts.get(0);
        bob = accounts.get(1);
    }

    @AfterAll
    void stop() {
        result(provider.close());
        result(vertx.close());
        chain.close();
    }

    @Test
    void nearlyTwentyThousandLogsMatchTheNodesJson() {
        Address contract = LogFlood.deploy(client, alice);
        Hash tx = LogFlood.flood(client, alice, contract, LOGS);
        LogFilter filter = LogFilter.builder().address(contract).fromBlock(BlockId.number(0)).toBlock(BlockId.LATEST).build();

        RpcResponse answer = result(provider.send(new RpcRequest(1, "eth_getLogs", JsonRpcCodec.params(filter.toJson()))));
        assertNotNull(answer.rawResult(), "the provider keeps the node's text");
        assertTrue(answer.rawResult().length() > LOGS * 500, "about 560 bytes a log: " + answer.rawResult().length());

        List<Log> logs = result(client.eth().getLogs(filter));
        JsonNode raw = answer.result();
        assertEquals(logs, readOnEventLoop(EthCalls.getLogs(filter)).value(), "decoded on a worker, the same logs");
        assertTrue(readOnEventLoop(EthCalls.getLogs(filter)).onWorker(), "11 MB of logs are not decoded on the event loop");
        assertFalse(readOnEventLoop(EthCalls.blockNumber()).onWorker(), "a small result is read where it arrives");
        assertEquals(LOGS, logs.size());
        assertEquals(raw.size(), logs.size());
        for (int i = 0; i < logs.size(); i++) {
            assertMatchesNode(logs.get(i), raw.get(i));
            assertEquals(tx, logs.get(i).transactionHash());
            assertEquals(i, logs.get(i).logIndex());
        }
    }

    @Test
    void aHeavyBatchIsDecodedOnAWorkerAndAnsweredOnTheCallersEventLoop() {
        Address contract = LogFlood.deploy(client, alice);
        LogFlood.flood(client, alice, contract, 3_000); // about 1.6 MB of logs
        LogFilter filter = LogFilter.builder().address(contract).fromBlock(BlockId.number(0)).toBlock(BlockId.LATEST).build();
        AtomicBoolean decodedOnWorker = new AtomicBoolean();
        RpcCall<List<Log>> logsCall = EthCalls.getLogs(filter);
        RpcCall<List<Log>> watched = new RpcCall<>(logsCall.method(), logsCall.params(), logsCall.decoder(), p -> {
            decodedOnWorker.set(Context.isOnWorkerThread());
            return logsCall.reader().read(p);
        });
        Promise<List<Object>> answered = Promise.promise();
        vertx.runOnContext(v -> {
            var batch = new RpcCaller(provider).batch();
            Future<List<Log>> logs = batch.add(watched);
            Future<Long> head = batch.add(EthCalls.blockNumber());
            batch.send();
            Future.all(logs, head).onComplete(done -> answered.complete(
                    List.of(Context.isOnEventLoopThread(), logs.result().size(), head.result())));
        });
        List<Object> seen = result(answered.future());
        assertTrue(decodedOnWorker.get(), "1.6 MB of logs in a batch are not decoded on the event loop");
        assertEquals(true, seen.get(0), "the caller's callbacks run on its event loop");
        assertEquals(3_000, seen.get(1));
        assertEquals(result(client.eth().blockNumber()), seen.get(2));
    }

    record Read<T>(T value, boolean onWorker) {
    }

    /** Runs {@code call} from an event loop, noting whether its result was read on a worker thread. */
    <T> Read<T> readOnEventLoop(RpcCall<T> call) {
        AtomicBoolean onWorker = new AtomicBoolean();
        RpcCall<T> watched = new RpcCall<>(call.method(), call.params(), call.decoder(), p -> {
            onWorker.set(Context.isOnWorkerThread());
            return call.reader() != null ? call.reader().read(p) : call.decoder().apply(p.readTree());
        });
        Promise<T> read = Promise.promise();
        vertx.runOnContext(v -> new RpcCaller(provider).call(watched).onComplete(read));
        return new Read<>(result(read.future()), onWorker.get());
    }

    @Test
    void blockOfThreeHundredTransactionsMatchesTheNodesJson() {
        result(client.request("anvil_setAutomine", false));
        List<Future<Hash>> sent = new ArrayList<>();
        BigInteger nonce = result(client.eth().getTransactionCount(alice, BlockId.PENDING));
        try {
            for (int i = 0; i < TRANSACTIONS; i++) {
                // Explicit nonces: sent concurrently, the node would otherwise hand out one nonce twice.
                sent.add(client.eth().sendTransaction(TransactionRequest.builder().from(alice).to(bob)
                        .nonce(nonce.add(BigInteger.valueOf(i))).gas(BigInteger.valueOf(21_000))
                        .value(BigInteger.valueOf(1_000 + i)).build()));
            }
            result(Future.all(sent));
            result(client.request("evm_mine"));
        } finally {
            result(client.request("anvil_setAutomine", true));
        }
        Block block = result(client.eth().getBlockByNumber(BlockId.LATEST, true)).orElseThrow();
        JsonNode raw = result(client.request("eth_getBlockByNumber", Hex.quantity(block.number()), true));
        assertEquals(TRANSACTIONS, block.transactions().size());
        assertMatchesNode(block, raw);
        for (int i = 0; i < TRANSACTIONS; i++) {
            assertMatchesNode(block.transactions().get(i), raw.get("transactions").get(i));
        }
        assertEquals(java.util.Set.copyOf(sent.stream().map(Future::result).toList()), java.util.Set.copyOf(block.transactionHashes()));
    }
}
