package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Keccak;
import io.ethbus.devchain.DevChain;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.Batch;
import io.ethbus.rpc.RpcException;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.LogEmitter;
import io.ethbus.testsupport.Mined;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static io.ethbus.testsupport.NodeJsonAssertions.assertMatchesNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed API against a real anvil: every decoded field is compared with the node's raw
 * JSON for the same call.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthClientAnvilTest {
    static final String TOPIC = LogEmitter.TOPIC;
    static final String RUNTIME = LogEmitter.RUNTIME;

    Vertx vertx;
    HttpProvider provider;
    EthClient client;
    Address alice;
    Address bob;

    @BeforeAll
    void start(DevChain chain) {
        vertx = Vertx.vertx();
        provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        client = EthClient.direct(provider);
        List<Address> accounts = result(client.eth().accounts());
        alice = accounts.get(0);
        bob = accounts.get(1);
        assertEquals(RUNTIME.length() / 2, 0x2d, "runtime length baked into INIT");
    }

    @AfterAll
    void stop() {
        result(provider.close());
        result(vertx.close());
    }

    JsonNode raw(String method, Object... params) {
        return result(client.request(method, params));
    }

    @Test
    void valueTransferReadsBackFieldByField() {
        BigInteger value = new BigInteger("1500000000000000000");
        BigInteger aliceBefore = result(client.eth().getBalance(alice, BlockId.LATEST));
        BigInteger bobBefore = result(client.eth().getBalance(bob, BlockId.LATEST));

        Hash hash = result(client.eth().sendTransaction(
                TransactionRequest.builder().from(alice).to(bob).value(value).build()));

        Receipt receipt = receiptOf(hash);
        assertMatchesNode(receipt, raw("eth_getTransactionReceipt", hash.toHex()));
        assertTrue(receipt.succeeded());
        assertEquals(alice, receipt.from());
        assertEquals(bob, receipt.to());

        Mined.transaction(client, hash.toHex()); // out of anvil's pool: the two reads below see one state
        Transaction tx = result(client.eth().getTransactionByHash(hash)).orElseThrow();
        assertMatchesNode(tx, raw("eth_getTransactionByHash", hash.toHex()));
        assertEquals(value, tx.value());
        assertEquals(hash, tx.hash());

        BlockId blockId = BlockId.number(receipt.blockNumber());
        Block full = result(client.eth().getBlockByNumber(blockId, true)).orElseThrow();
        assertMatchesNode(full, raw("eth_getBlockByNumber", blockId.toBlockParam(), true));
        assertTrue(full.hasFullTransactions());
        assertEquals(List.of(hash), full.transactionHashes());

        Block byHash = result(client.eth().getBlockByHash(receipt.blockHash(), false)).orElseThrow();
        assertMatchesNode(byHash, raw("eth_getBlockByHash", receipt.blockHash().toHex(), false));
        assertFalse(byHash.hasFullTransactions());
        assertEquals(List.of(hash), byHash.transactionHashes());

        Transaction byIndex = result(client.eth().getTransactionByBlockNumberAndIndex(blockId, 0)).orElseThrow();
        assertEquals(tx, byIndex);
        assertEquals(1L, result(client.eth().getBlockTransactionCountByNumber(blockId)).orElseThrow());
        assertEquals(1L, result(client.eth().getBlockTransactionCountByHash(receipt.blockHash())).orElseThrow());
        List<Receipt> receipts = result(client.eth().getBlockReceipts(blockId)).orElseThrow();
        assertEquals(List.of(receipt), receipts);

        BigInteger fee = receipt.gasUsed().multiply(receipt.effectiveGasPrice());
        assertEquals(aliceBefore.subtract(value).subtract(fee), result(client.eth().getBalance(alice, BlockId.LATEST)));
        assertEquals(bobBefore.add(value), result(client.eth().getBalance(bob, BlockId.LATEST)));
        assertEquals(bobBefore, result(client.eth().getBalance(bob, BlockId.number(receipt.blockNumber() - 1))));
        assertEquals(bobBefore.add(value), result(client.eth().getBalance(bob, BlockId.hash(receipt.blockHash()))));
    }

    @Test
    void contractLogsReadBackFieldByField() {
        Address contract = deployLogEmitter();
        assertEquals(Bytes.of("0x" + RUNTIME), result(client.eth().getCode(contract, BlockId.LATEST)));
        assertEquals(Bytes.of("0x" + "00".repeat(32)),
                result(client.eth().getStorageAt(contract, BigInteger.ZERO, BlockId.LATEST)));

        Bytes payload = Bytes.wrap("hello ethbus".getBytes(StandardCharsets.UTF_8));
        TransactionRequest ping = TransactionRequest.builder().from(alice).to(contract).input(payload).build();
        assertEquals(Bytes.EMPTY, result(client.eth().call(ping, BlockId.LATEST)), "the emitter returns no data");
        assertTrue(result(client.eth().estimateGas(ping)).compareTo(BigInteger.valueOf(21_000)) > 0);
        AccessListResult access = result(client.eth().createAccessList(ping, BlockId.LATEST));
        assertMatchesNode(access, raw("eth_createAccessList", ping.toJson(), "latest"));

        FilterId logFilter = result(client.eth().newFilter(LogFilter.builder().address(contract).build()));
        FilterId blockFilter = result(client.eth().newBlockFilter());

        Hash hash = result(client.eth().sendTransaction(ping));
        Receipt receipt = receiptOf(hash);
        assertMatchesNode(receipt, raw("eth_getTransactionReceipt", hash.toHex()));
        assertEquals(1, receipt.logs().size());
        Log log = receipt.logs().get(0);
        assertEquals(contract, log.address());
        assertEquals(List.of(Hash.of("0x" + TOPIC), Hash.of("0x" + "00".repeat(12) + alice.toHex().substring(2))),
                log.topics());
        assertEquals(payload, log.data());

        LogFilter filter = LogFilter.builder().fromBlock(BlockId.number(receipt.blockNumber()))
                .toBlock(BlockId.LATEST).address(contract).topic(0, Hash.of("0x" + TOPIC)).build();
        List<Log> logs = result(client.eth().getLogs(filter));
        JsonNode rawLogs = raw("eth_getLogs", filter.toJson());
        assertEquals(rawLogs.size(), logs.size());
        for (int i = 0; i < logs.size(); i++) {
            assertMatchesNode(logs.get(i), rawLogs.get(i));
        }
        assertEquals(List.of(log), logs);

        FilterChanges changes = result(client.eth().getFilterChanges(logFilter));
        assertEquals(List.of(log), changes.logs());
        assertTrue(changes.hashes().isEmpty());
        assertEquals(List.of(log), result(client.eth().getFilterLogs(logFilter)));
        FilterChanges blocks = result(client.eth().getFilterChanges(blockFilter));
        assertTrue(blocks.hashes().contains(receipt.blockHash()));
        assertTrue(result(client.eth().uninstallFilter(logFilter)));
        assertTrue(result(client.eth().uninstallFilter(blockFilter)));
        assertFalse(result(client.eth().uninstallFilter(blockFilter)));
    }

    @Test
    void callWithStateOverridesSeesTheChangedCodeAndBalance() {
        // runtime code that returns its own balance: SELFBALANCE PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
        Address account = Address.of("0x00000000000000000000000000000000000e7b05");
        Bytes selfBalance = Bytes.of("0x4760005260206000f3");
        BigInteger balance = new BigInteger("123456789000000000000");
        TransactionRequest call = TransactionRequest.builder().to(account).build();

        Bytes plain = result(client.eth().call(call, BlockId.LATEST));
        Bytes overridden = result(client.eth().call(call, BlockId.LATEST, StateOverrides.builder()
                .code(account, selfBalance).balance(account, balance).build()));

        assertEquals(0, plain.length(), "no code at the account without the override");
        assertEquals(balance, new BigInteger(1, overridden.toArray()));
        assertEquals(plain, result(client.eth().call(call, BlockId.LATEST, StateOverrides.NONE)));
    }

    @Test
    void chainAndNodeInformation() {
        assertEquals(BigInteger.valueOf(31337), result(client.eth().chainId()));
        assertEquals("31337", result(client.net().version()));
        assertTrue(result(client.net().listening()));
        // anvil has no peers and no net_peerCount: the typed call must fail exactly as the raw one does.
        RpcException rawPeers = assertInstanceOf(RpcException.class, failure(client.request("net_peerCount")));
        RpcException typedPeers = assertInstanceOf(RpcException.class, failure(client.net().peerCount()));
        assertEquals(rawPeers.code(), typedPeers.code());
        assertEquals("net_peerCount", typedPeers.method());
        assertTrue(result(client.web3().clientVersion()).toLowerCase().contains("anvil"));
        Bytes data = Bytes.wrap("ethbus".getBytes(StandardCharsets.UTF_8));
        assertEquals(new Hash(Keccak.keccak256(data.toArray())), result(client.web3().sha3(data)));
        assertFalse(result(client.eth().syncing()).syncing());
        assertTrue(result(client.eth().gasPrice()).signum() > 0);
        assertEquals(Hex.toBigInteger(raw("eth_maxPriorityFeePerGas").asText()),
                result(client.eth().maxPriorityFeePerGas()));
        FeeHistory history = result(client.eth().feeHistory(2, BlockId.LATEST, List.of(25.0, 75.0)));
        assertMatchesNode(history, raw("eth_feeHistory", "0x2", "latest", List.of(25.0, 75.0)));
        assertEquals(result(client.eth().blockNumber()), Hex.toLong(raw("eth_blockNumber").asText()));
    }

    @Test
    void nodeErrorsAreTypedAndNameTheMethod() {
        Throwable e = failure(client.request("eth_noSuchMethod"));
        RpcException rpc = assertInstanceOf(RpcException.class, e);
        assertEquals("eth_noSuchMethod", rpc.method());
        assertEquals(-32601, rpc.code());

        Throwable raw = failure(client.eth().sendRawTransaction(Bytes.of("0x1234")));
        assertInstanceOf(RpcException.class, raw);
        assertTrue(raw.getMessage().contains("eth_sendRawTransaction"), raw.getMessage());

        assertTrue(result(client.eth().getTransactionReceipt(Hash.of("0x" + "ab".repeat(32)))).isEmpty());
        assertTrue(result(client.eth().getBlockByNumber(BlockId.number(1L << 40), false)).isEmpty());
    }

    @Test
    void batchOf500MixedRequestsMatchesById() {
        long head = result(client.eth().blockNumber());
        List<Address> accounts = result(client.eth().accounts());
        List<BigInteger> balances = new ArrayList<>();
        for (Address a : accounts) {
            balances.add(result(client.eth().getBalance(a, BlockId.LATEST)));
        }

        Batch batch = client.batch();
        List<Runnable> checks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int kind = i % 5;
            if (kind == 0) {
                int k = i % accounts.size();
                Future<BigInteger> f = batch.add(EthCalls.getBalance(accounts.get(k), BlockId.LATEST));
                checks.add(() -> assertEquals(balances.get(k), result(f)));
            } else if (kind == 1) {
                long n = i % (head + 1);
                Future<java.util.Optional<Block>> f = batch.add(EthCalls.getBlockByNumber(BlockId.number(n), false));
                checks.add(() -> assertEquals(n, result(f).orElseThrow().number()));
            } else if (kind == 2) {
                Future<BigInteger> f = batch.add(EthCalls.chainId());
                checks.add(() -> assertEquals(BigInteger.valueOf(31337), result(f)));
            } else if (kind == 3) {
                Future<Boolean> f = batch.add(EthCalls.netListening());
                checks.add(() -> assertTrue(result(f)));
            } else {
                int n = i;
                Future<JsonNode> f = batch.add("eth_noSuchMethod" + n);
                checks.add(() -> {
                    RpcException err = assertInstanceOf(RpcException.class, failure(f));
                    assertEquals("eth_noSuchMethod" + n, err.method());
                });
            }
        }
        assertEquals(500, batch.size());
        result(batch.send());
        checks.forEach(Runnable::run);
    }

    /** The receipt of a sent transaction, once mined. */
    private Receipt receiptOf(Hash hash) {
        Mined.receipt(client, hash.toHex());
        return result(client.eth().getTransactionReceipt(hash)).orElseThrow();
    }

    private Address deployLogEmitter() {
        Hash hash = result(client.eth().sendTransaction(TransactionRequest.builder().from(alice)
                .input(Bytes.of(LogEmitter.DEPLOY_INPUT)).build()));
        Receipt receipt = receiptOf(hash);
        assertTrue(receipt.succeeded());
        return receipt.contractAddress();
    }
}
