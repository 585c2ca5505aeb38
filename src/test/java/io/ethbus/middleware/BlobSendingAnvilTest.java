package io.ethbus.middleware;

import io.ethbus.client.EthClient;
import io.ethbus.client.ReceiptWaiter;
import io.ethbus.crypto.Account;
import io.ethbus.crypto.BlobSidecar;
import io.ethbus.crypto.BlobTransaction;
import io.ethbus.crypto.Blobs;
import io.ethbus.crypto.InvalidTransactionException;
import io.ethbus.crypto.SignedTransaction;
import io.ethbus.crypto.TransactionDecoder;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.Authorization;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.Transaction;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SignAndSendRawMiddleware} sends EIP-4844 transactions from a request's {@code blobs}:
 * the layer computes the sidecar, fills {@code maxFeePerBlobGas} from the node's blob base fee,
 * and sends the network form, which the dev chain mines with our versioned hashes.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlobSendingAnvilTest {
    AnvilConnection connection;
    EthClient plain;

    @BeforeAll
    void start(DevChain chain) {
        connection = AnvilConnection.open(chain);
        plain = EthClient.direct(connection.provider());
    }

    @AfterAll
    void stop() {
        connection.close();
    }

    /** A client signing for {@code account} (funded), recording what reaches the node. */
    EthClient signingFor(Account account, ConcurrentLinkedQueue<RpcRequest> sent) {
        return RecordingSigningClient.of(connection, account, sent);
    }

    @Test
    void blobsInARequestAreSentAsATypeThreeTransaction() {
        Account account = Account.generate();
        ConcurrentLinkedQueue<RpcRequest> sent = new ConcurrentLinkedQueue<>();
        EthClient client = signingFor(account, sent);
        List<Bytes> blobs = Blobs.pack("sent through the signer".getBytes(StandardCharsets.UTF_8));
        BigInteger blobBaseFee = Hex.toBigInteger(result(plain.request("eth_blobBaseFee")).asText());

        Hash hash = result(client.eth().sendTransaction(TransactionRequest.builder().to(Address.ZERO).blobs(blobs).build()));
        Receipt receipt = result(new ReceiptWaiter(connection.vertx(), client.eth()).waitForReceipt(hash, Duration.ofSeconds(20)));
        assertEquals(1, receipt.status());
        assertEquals(BlobTransaction.TYPE, receipt.type());
        assertEquals(BigInteger.valueOf(131_072), receipt.blobGasUsed());

        RpcRequest raw = sent.stream().filter(r -> r.method().equals("eth_sendRawTransaction")).findFirst().orElseThrow();
        SignedTransaction decoded = TransactionDecoder.decode(Bytes.of(raw.params().get(0).asText()));
        BlobTransaction tx = (BlobTransaction) decoded.transaction();
        assertEquals(blobs, tx.sidecar().blobs(), "the network form carries the blobs");
        assertTrue(tx.sidecar().verify());
        assertEquals(blobBaseFee.shiftLeft(1), tx.maxFeePerBlobGas());
        assertEquals(account.address(), decoded.sender());
        assertEquals(hash, decoded.hash());
        Transaction mined = result(plain.eth().getTransactionByHash(hash)).orElseThrow();
        assertEquals(BlobSidecar.of(blobs).versionedHashes(), mined.blobVersionedHashes());
        // The estimate went without the blobs.
        assertTrue(sent.stream().filter(r -> r.method().equals("eth_estimateGas"))
                .noneMatch(r -> r.params().get(0).has("blobs")));
    }

    @Test
    void aGivenBlobFeeIsKept() {
        ConcurrentLinkedQueue<RpcRequest> sent = new ConcurrentLinkedQueue<>();
        EthClient client = signingFor(Account.generate(), sent);
        BigInteger fee = BigInteger.valueOf(1_000_000_007L);
        Hash hash = result(client.eth().sendTransaction(TransactionRequest.builder().to(Address.ZERO)
                .blobs(Blobs.pack(new byte[] {1})).maxFeePerBlobGas(fee).gas(BigInteger.valueOf(21_000)).build()));
        assertEquals(fee, result(plain.eth().getTransactionByHash(hash)).orElseThrow().maxFeePerBlobGas());
        assertTrue(sent.stream().noneMatch(r -> r.method().equals("eth_blobBaseFee")), "not asked when given");
    }

    @Test
    void blobsThatCannotBeSentAreTypedErrors() {
        ConcurrentLinkedQueue<RpcRequest> sent = new ConcurrentLinkedQueue<>();
        EthClient client = signingFor(Account.generate(), sent);
        List<Bytes> blobs = Blobs.pack(new byte[] {1});
        Authorization auth = new Authorization(null, Address.ZERO, null, null, null, null);
        for (TransactionRequest bad : List.of(
                TransactionRequest.builder().to(Address.ZERO).blobs(blobs).authorizationList(List.of(auth)).build(),
                TransactionRequest.builder().to(Address.ZERO).blobs(blobs).type(2).build(),
                TransactionRequest.builder().to(Address.ZERO).type(3).build(),
                TransactionRequest.builder().to(Address.ZERO).maxFeePerBlobGas(BigInteger.ONE).build(),
                TransactionRequest.builder().to(Address.ZERO).blobs(List.of(Bytes.wrap(new byte[100]))).build())) {
            assertInstanceOf(InvalidTransactionException.class, failure(client.eth().sendTransaction(bad)), bad.toString());
        }
        assertTrue(sent.stream().noneMatch(r -> r.method().startsWith("eth_send")), "nothing was sent");
    }
}
