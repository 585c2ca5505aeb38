package io.ethbus.crypto;

import io.ethbus.primitives.Keccak;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.AccessListItem;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.Transaction;
import io.ethbus.client.ReceiptWaiter;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Transactions signed here are accepted by anvil: the hash it returns is keccak(raw), and the
 * mined transaction carries exactly the fields that were signed.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TransactionAnvilTest {
    static final BigInteger GWEI = BigInteger.TEN.pow(9);
    static final String ANVIL_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    Vertx vertx;
    HttpProvider provider;
    EthClient client;
    ReceiptWaiter waiter;
    Account sender;
    BigInteger chainId;

    @BeforeAll
    void start(DevChain chain) {
        vertx = Vertx.vertx();
        provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        client = EthClient.direct(provider);
        waiter = new ReceiptWaiter(vertx, client.eth());
        // A key of our own, so that no other test's transactions move its nonce or balance.
        sender = Account.generate();
        result(client.request("anvil_setBalance", sender.address().toHex(), Hex.quantity(BigInteger.TEN.pow(21))));
        chainId = result(client.eth().chainId());
    }

    @AfterAll
    void stop() {
        result(provider.close());
        result(vertx.close());
    }

    BigInteger nonce() {
        return result(client.eth().getTransactionCount(sender.address(), BlockId.PENDING));
    }

    BigInteger maxFee() {
        BigInteger baseFee = result(client.eth().getBlockByNumber(BlockId.LATEST, false)).orElseThrow().baseFeePerGas();
        return baseFee.shiftLeft(1).add(GWEI);
    }

    /** Sends, waits for the receipt, and checks hash, status, fields and balances. */
    Transaction sendAndVerify(UnsignedTransaction tx, Address to, BigInteger value) {
        SignedTransaction signed = tx.sign(sender);
        BigInteger senderBefore = result(client.eth().getBalance(sender.address(), BlockId.LATEST));
        BigInteger toBefore = result(client.eth().getBalance(to, BlockId.LATEST));

        Hash hash = result(client.eth().sendRawTransaction(signed.raw()));
        assertEquals(new Hash(Keccak.keccak256(signed.raw().value())), hash);
        assertEquals(signed.hash(), hash);
        Receipt receipt = result(waiter.waitForReceipt(hash, Duration.ofSeconds(20)));
        assertEquals(1, receipt.status());
        assertEquals(tx.type(), receipt.type());

        BigInteger senderAfter = result(client.eth().getBalance(sender.address(), BlockId.LATEST));
        BigInteger toAfter = result(client.eth().getBalance(to, BlockId.LATEST));
        assertEquals(value.add(receipt.gasUsed().multiply(receipt.effectiveGasPrice())), senderBefore.subtract(senderAfter));
        assertEquals(value, toAfter.subtract(toBefore));

        Transaction mined = result(client.eth().getTransactionByHash(hash)).orElseThrow();
        assertEquals(sender.address(), mined.from());
        assertEquals(signed.signature().r(), mined.r());
        assertEquals(signed.signature().s(), mined.s());
        assertEquals(signed, TransactionDecoder.decode(signed.raw()));
        return mined;
    }

    @Test
    void legacyEip155() {
        Address to = Account.generate().address();
        BigInteger value = BigInteger.valueOf(123_456_789);
        LegacyTransaction tx = new LegacyTransaction(nonce(), maxFee(), BigInteger.valueOf(21000), to, value,
                Bytes.EMPTY, chainId);
        Transaction mined = sendAndVerify(tx, to, value);
        assertEquals(0, mined.type());
        assertEquals(tx.nonce(), mined.nonce());
        assertEquals(tx.gasPrice(), mined.gasPrice());
        assertEquals(tx.gas(), mined.gas());
        assertEquals(tx.to(), mined.to());
        assertEquals(tx.value(), mined.value());
        assertEquals(tx.data(), mined.input());
        assertEquals(tx.v(tx.sign(sender).signature()), mined.v());
    }

    @Test
    void eip2930WithAccessList() {
        Address to = Account.generate().address();
        BigInteger value = BigInteger.valueOf(987_654_321);
        List<AccessListItem> accessList = List.of(new AccessListItem(to,
                List.of(Hash.of("0x" + "00".repeat(31) + "07"), Hash.of("0x" + "00".repeat(31) + "08"))));
        AccessListTransaction tx = new AccessListTransaction(chainId, nonce(), maxFee(), BigInteger.valueOf(30000), to,
                value, Bytes.of("0xc0ffee"), accessList);
        Transaction mined = sendAndVerify(tx, to, value);
        assertEquals(1, mined.type());
        assertEquals(tx.chainId(), mined.chainId());
        assertEquals(tx.nonce(), mined.nonce());
        assertEquals(tx.gasPrice(), mined.gasPrice());
        assertEquals(tx.gas(), mined.gas());
        assertEquals(tx.data(), mined.input());
        assertEquals(tx.accessList(), mined.accessList());
    }

    @Test
    void eip1559() {
        Address to = Account.generate().address();
        BigInteger value = BigInteger.TEN.pow(17);
        DynamicFeeTransaction tx = new DynamicFeeTransaction(chainId, nonce(), GWEI, maxFee(), BigInteger.valueOf(25000),
                to, value, Bytes.of("0x01"), List.of(new AccessListItem(Address.ZERO, List.of())));
        Transaction mined = sendAndVerify(tx, to, value);
        assertEquals(2, mined.type());
        assertEquals(tx.chainId(), mined.chainId());
        assertEquals(tx.nonce(), mined.nonce());
        assertEquals(tx.maxFeePerGas(), mined.maxFeePerGas());
        assertEquals(tx.maxPriorityFeePerGas(), mined.maxPriorityFeePerGas());
        assertEquals(tx.gas(), mined.gas());
        assertEquals(tx.value(), mined.value());
        assertEquals(tx.data(), mined.input());
        assertEquals(tx.accessList(), mined.accessList());
        assertEquals(tx.sign(sender).signature().yParity(), mined.yParity());
    }

    @Test
    void personalSignMatchesTheNode() {
        Account dev0 = Account.fromPrivateKey(ANVIL_KEY_0);
        for (String text : List.of("hello ethbus", "", "\u00e9t\u00e9 \u2603")) {
            PersonalMessage message = PersonalMessage.of(text);
            String data = message.message().toHex();
            Bytes local = message.sign(dev0).toBytes();
            Bytes viaEthSign = Bytes.of(result(client.request("eth_sign", dev0.address().toHex(), data)).asText());
            Bytes viaPersonalSign = Bytes.of(result(client.request("personal_sign", data, dev0.address().toHex())).asText());
            assertEquals(viaEthSign, local, "eth_sign of '" + text + "'");
            assertEquals(viaPersonalSign, local, "personal_sign of '" + text + "'");
            assertEquals(dev0.address(), message.recoverSigner(Signature.fromBytes(viaEthSign.value())));
        }
    }
}
