package io.ethbus.middleware;

import io.ethbus.client.ReceiptWaiter;
import io.ethbus.crypto.Account;
import io.ethbus.crypto.DynamicFeeTransaction;
import io.ethbus.crypto.SignedTransaction;
import io.ethbus.crypto.TransactionDecoder;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.AccessListItem;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.Transaction;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignAndSendRawMiddlewareTest {
    static final BigInteger GWEI = BigInteger.TEN.pow(9);

    Vertx vertx;
    HttpProvider provider;
    String url;

    @BeforeAll
    void start(DevChain chain) {
        vertx = Vertx.vertx();
        url = chain.httpUrl();
        provider = new HttpProvider(vertx, HttpProviderOptions.of(url));
    }

    @AfterAll
    void stop() {
        result(provider.close());
        result(vertx.close());
    }

    /** A client signing for a fresh, funded key, with a layer below the signer that records what reaches the node. */
    record Setup(EthClient client, Account account, ConcurrentLinkedQueue<RpcRequest> sent, ReceiptWaiter waiter) {
    }

    Setup setup() {
        Account account = Account.generate();
        EthClient client = EthClient.direct(provider);
        ConcurrentLinkedQueue<RpcRequest> sent = new ConcurrentLinkedQueue<>();
        client.middlewareOnion().add((request, next) -> {
            sent.add(request);
            return next.handle(request);
        }, "recorder");
        client.middlewareOnion().add(new SignAndSendRawMiddleware(vertx, List.of(account)), "signer");
        result(client.request("anvil_setBalance", account.address().toHex(), Hex.quantity(BigInteger.TEN.pow(22))));
        return new Setup(client, account, sent, new ReceiptWaiter(vertx, client.eth()));
    }

    BigInteger balance(EthClient client, Address a) {
        return result(client.eth().getBalance(a, BlockId.LATEST));
    }

    Transaction sendAndCheck(Setup s, TransactionRequest request, int expectedType) {
        Address to = request.to();
        BigInteger value = request.value();
        BigInteger fromBefore = balance(s.client(), s.account().address());
        BigInteger toBefore = balance(s.client(), to);
        Hash hash = result(s.client().eth().sendTransaction(request));
        Receipt receipt = result(s.waiter().waitForReceipt(hash, Duration.ofSeconds(20)));
        assertEquals(1, receipt.status());
        assertEquals(expectedType, receipt.type());
        assertEquals(s.account().address(), receipt.from());
        assertEquals(value.add(receipt.gasUsed().multiply(receipt.effectiveGasPrice())),
                fromBefore.subtract(balance(s.client(), s.account().address())));
        assertEquals(value, balance(s.client(), to).subtract(toBefore));
        assertTrue(s.sent().stream().noneMatch(r -> r.method().equals("eth_sendTransaction")), "signed locally");
        return result(s.client().eth().getTransactionByHash(hash)).orElseThrow();
    }

    @Test
    void legacyAccessListAndDynamicFeeAreFilledSignedAndMined() {
        Setup s = setup();
        Address to = Account.generate().address();
        Transaction legacy = sendAndCheck(s, TransactionRequest.builder().from(s.account().address()).to(to)
                .value(BigInteger.valueOf(1000)).gasPrice(GWEI.multiply(BigInteger.valueOf(5))).build(), 0);
        assertEquals(BigInteger.ZERO, legacy.nonce());
        assertEquals(GWEI.multiply(BigInteger.valueOf(5)), legacy.gasPrice());
        assertEquals(BigInteger.valueOf(21000), legacy.gas(), "gas estimated");

        Transaction accessList = sendAndCheck(s, TransactionRequest.builder().to(to).value(BigInteger.valueOf(2000))
                .gasPrice(GWEI.multiply(BigInteger.valueOf(5)))
                .accessList(List.of(new AccessListItem(to, List.of(Hash.of("0x" + "00".repeat(31) + "01"))))).build(), 1);
        assertEquals(BigInteger.ONE, accessList.nonce(), "default account used when from is absent");
        assertEquals(1, accessList.accessList().size());

        Transaction dynamic = sendAndCheck(s, TransactionRequest.builder().from(s.account().address()).to(to)
                .value(BigInteger.valueOf(3000)).input(Bytes.of("0x")).build(), 2);
        assertEquals(BigInteger.TWO, dynamic.nonce());
        assertTrue(dynamic.maxFeePerGas().compareTo(dynamic.maxPriorityFeePerGas()) >= 0);

        Transaction explicit = sendAndCheck(s, TransactionRequest.builder().to(to).value(BigInteger.ONE)
                .maxFeePerGas(GWEI.multiply(BigInteger.valueOf(50))).maxPriorityFeePerGas(GWEI).gas(30000).build(), 2);
        assertEquals(GWEI.multiply(BigInteger.valueOf(50)), explicit.maxFeePerGas());
        assertEquals(GWEI, explicit.maxPriorityFeePerGas());
        assertEquals(BigInteger.valueOf(30000), explicit.gas());
    }

    @Test
    void theRawTransactionSentDecodesBackToWhatWasSigned() {
        Setup s = setup();
        Address to = Account.generate().address();
        Hash hash = result(s.client().eth().sendTransaction(TransactionRequest.builder().to(to).value(BigInteger.TEN)
                .input(Bytes.of("0xabcdef")).gas(50000).build()));
        RpcRequest raw = s.sent().stream().filter(r -> r.method().equals("eth_sendRawTransaction")).findFirst().orElseThrow();
        Bytes bytes = Bytes.of(raw.params().get(0).asText());
        SignedTransaction decoded = TransactionDecoder.decode(bytes);
        assertEquals(hash, decoded.hash());
        assertEquals(s.account().address(), decoded.sender());
        DynamicFeeTransaction tx = (DynamicFeeTransaction) decoded.transaction();
        assertEquals(to, tx.to());
        assertEquals(BigInteger.TEN, tx.value());
        assertEquals(Bytes.of("0xabcdef"), tx.data());
        assertEquals(BigInteger.valueOf(31337), tx.chainId());
        Transaction mined = result(s.waiter().waitForReceipt(hash, Duration.ofSeconds(20))
                .compose(r -> s.client().eth().getTransactionByHash(hash))).orElseThrow();
        assertEquals(tx.maxFeePerGas(), mined.maxFeePerGas());
        assertEquals(tx.nonce(), mined.nonce());
    }

    @Test
    void mixingGasPriceWithDynamicFeesIsATypedError() {
        Setup s = setup();
        Throwable e = failure(s.client().eth().sendTransaction(TransactionRequest.builder().to(Address.ZERO)
                .gasPrice(GWEI).maxFeePerGas(GWEI).build()));
        assertInstanceOf(ConflictingFeeFieldsException.class, e);
        assertTrue(s.sent().stream().noneMatch(r -> r.method().startsWith("eth_send")), "nothing was sent");
    }

    @Test
    void otherSendersPassThroughUntouched() {
        Setup s = setup();
        Address devAccount = result(s.client().eth().accounts()).get(3);
        Hash hash = result(s.client().eth().sendTransaction(TransactionRequest.builder().from(devAccount)
                .to(Account.generate().address()).value(BigInteger.ONE).build()));
        List<RpcRequest> sends = s.sent().stream().filter(r -> r.method().startsWith("eth_send")).toList();
        assertEquals(1, sends.size());
        assertEquals("eth_sendTransaction", sends.get(0).method());
        assertEquals(1, result(s.waiter().waitForReceipt(hash, Duration.ofSeconds(20))).status());
    }

    @Test
    void aRejectedSendReleasesItsNonceSoTheNextOneIsNotStuck() {
        Setup s = setup();
        Address to = Account.generate().address();
        // 1000 gas is below the intrinsic 21000: the node rejects it and nonce 0 must be given back.
        Throwable rejected = failure(s.client().eth().sendTransaction(TransactionRequest.builder().to(to)
                .value(BigInteger.ONE).gas(1000).build()));
        assertInstanceOf(RpcException.class, rejected);
        Hash hash = result(s.client().eth().sendTransaction(TransactionRequest.builder().to(to).value(BigInteger.ONE).build()));
        Receipt receipt = result(s.waiter().waitForReceipt(hash, Duration.ofSeconds(20)));
        assertEquals(1, receipt.status());
        assertEquals(BigInteger.ZERO, result(s.client().eth().getTransactionByHash(hash)).orElseThrow().nonce());
    }

    @Test
    void thePrivateKeyNeverLeavesTheClient() {
        Account account = Account.generate();
        EthClient client = EthClient.direct(provider);
        ConcurrentLinkedQueue<String> wire = new ConcurrentLinkedQueue<>();
        client.middlewareOnion().add((request, next) -> {
            wire.add(request.toString());
            return next.handle(request).andThen(ar -> wire.add(String.valueOf(ar.succeeded() ? ar.result() : ar.cause())));
        }, "recorder");
        SignAndSendRawMiddleware signer = new SignAndSendRawMiddleware(vertx, List.of(account));
        client.middlewareOnion().add(signer, "signer");
        result(client.request("anvil_setBalance", account.address().toHex(), Hex.quantity(BigInteger.TEN.pow(20))));
        result(client.eth().sendTransaction(TransactionRequest.builder().to(Address.ZERO).value(BigInteger.ONE).build()));
        Throwable e = failure(client.eth().sendTransaction(TransactionRequest.builder().to(Address.ZERO).gas(1).build()));
        String key = io.ethbus.crypto.AccountKeyAccess.keyHex(account);
        wire.add(e.toString());
        wire.add(signer.toString());
        wire.add(account.toString());
        assertFalse(wire.isEmpty());
        for (String line : wire) {
            assertFalse(line.toLowerCase().contains(key.substring(2, 34)), line);
            assertFalse(line.toLowerCase().contains(key.substring(34)), line);
        }
    }

    @Test
    void thousandConcurrentSendsFromOneKeyGetNoncesZeroTo999() {
        Setup s = setup();
        Address to = Account.generate().address();
        BigInteger maxFee = GWEI.multiply(BigInteger.valueOf(100));
        List<Future<Hash>> sends = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sends.add(s.client().eth().sendTransaction(TransactionRequest.builder().to(to).value(BigInteger.ONE)
                    .gas(21000).maxFeePerGas(maxFee).maxPriorityFeePerGas(GWEI).build()));
        }
        List<Hash> hashes = new ArrayList<>();
        for (Future<Hash> f : sends) {
            hashes.add(result(f, 120));
        }
        assertEquals(1000, new HashSet<>(hashes).size());
        Set<Long> nonces = new HashSet<>();
        for (Hash h : hashes) {
            Receipt receipt = result(s.waiter().waitForReceipt(h, Duration.ofSeconds(60)), 90);
            assertEquals(1, receipt.status());
        }
        List<Future<Long>> lookUps = new ArrayList<>();
        for (Hash h : hashes) {
            lookUps.add(s.client().eth().getTransactionByHash(h).map(t -> t.orElseThrow().nonce().longValueExact()));
        }
        lookUps.forEach(f -> nonces.add(result(f, 60)));
        Set<Long> expected = new HashSet<>();
        for (long n = 0; n < 1000; n++) {
            expected.add(n);
        }
        assertEquals(expected, nonces);
        assertEquals(BigInteger.valueOf(1000), result(s.client().eth().getTransactionCount(s.account().address(), BlockId.LATEST)));
        assertEquals(BigInteger.valueOf(1000), balance(s.client(), to));
        assertEquals(1, s.sent().stream().filter(r -> r.method().equals("eth_getTransactionCount")
                        && r.params().get(1).asText().equals("pending")).count(),
                "the count is read once, then counted locally");
    }
}
