package io.ethbus.crypto;

import io.ethbus.client.EthClient;
import io.ethbus.client.ReceiptWaiter;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.Block;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.Transaction;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.DevAccounts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EIP-4844 on the dev chain (its default hardfork includes Cancun): a type-3 transaction signed
 * here with real KZG commitments and proofs is accepted in its network form and mined; the
 * receipt and the block count its blob gas, the node reports our versioned hashes, and the raw
 * transaction decodes back equal in both forms.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlobTransactionAnvilTest {
    static final BigInteger GWEI = BigInteger.TEN.pow(9);
    /** Gas per blob (EIP-4844's GAS_PER_BLOB). */
    static final BigInteger GAS_PER_BLOB = BigInteger.valueOf(131_072);
    AnvilConnection connection;
    EthClient client;
    ReceiptWaiter waiter;
    BigInteger chainId;

    @BeforeAll
    void start(DevChain chain) {
        connection = AnvilConnection.open(chain);
        client = EthClient.direct(connection.provider());
        waiter = new ReceiptWaiter(connection.vertx(), client.eth());
        chainId = result(client.eth().chainId());
    }

    @AfterAll
    void stop() {
        connection.close();
    }

    Account funded() {
        return DevAccounts.funded(client);
    }

    @Test
    void blobTransactionIsMinedWithOurVersionedHashesAndDecodesBack() {
        Account sender = funded();
        Address to = Account.generate().address();
        // Two blobs' worth: the second blob holds the tail of the data and the terminator.
        byte[] data = new byte[4096 * 31 + 100];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        BlobSidecar sidecar = Blobs.from(data);
        assertEquals(2, sidecar.blobs().size());
        assertTrue(sidecar.verify(), "our KZG proofs verify");
        assertArrayEquals(data, Blobs.unpack(sidecar.blobs()));

        BigInteger nonce = result(client.eth().getTransactionCount(sender.address(), BlockId.PENDING));
        BigInteger baseFee = result(client.eth().getBlockByNumber(BlockId.LATEST, false)).orElseThrow().baseFeePerGas();
        BlobTransaction tx = new BlobTransaction(chainId, nonce, GWEI, baseFee.shiftLeft(1).add(GWEI),
                BigInteger.valueOf(21_000), to, BigInteger.ONE, Bytes.EMPTY, List.of(), GWEI, sidecar);
        SignedTransaction signed = tx.sign(sender);
        assertNotEquals(tx.encode(signed.signature()), signed.raw(), "the raw form carries the blobs");

        Hash hash = result(client.eth().sendRawTransaction(signed.raw()));
        assertEquals(signed.hash(), hash, "the hash is the canonical form's");
        Receipt receipt = result(waiter.waitForReceipt(hash, Duration.ofSeconds(20)));
        assertEquals(1, receipt.status());
        assertEquals(BlobTransaction.TYPE, receipt.type());
        assertEquals(GAS_PER_BLOB.multiply(BigInteger.TWO), receipt.blobGasUsed());

        Block block = result(client.eth().getBlockByHash(receipt.blockHash(), false)).orElseThrow();
        assertEquals(GAS_PER_BLOB.multiply(BigInteger.TWO), block.blobGasUsed(), "ours is the block's only blob transaction");
        Transaction mined = result(client.eth().getTransactionByHash(hash)).orElseThrow();
        assertEquals(sidecar.versionedHashes(), mined.blobVersionedHashes());
        assertEquals(GWEI, mined.maxFeePerBlobGas());

        // Ours, in the network form, decodes back to the same transaction with its blobs.
        SignedTransaction decoded = TransactionDecoder.decode(signed.raw());
        assertEquals(signed, decoded);
        assertEquals(sender.address(), decoded.sender());
        // The canonical form decodes to the same transaction without them, with the same hash.
        SignedTransaction canonical = TransactionDecoder.decode(tx.encode(signed.signature()));
        assertEquals(new SignedTransaction(tx.withoutSidecar(), signed.signature()), canonical);
        assertEquals(hash, canonical.hash());
        assertEquals(sender.address(), canonical.sender());
        // The node's raw bytes (anvil keeps the form it was sent) decode to the transaction it mined.
        Bytes raw = Bytes.of(result(client.request("eth_getRawTransactionByHash", hash.toHex())).asText());
        SignedTransaction fromNode = TransactionDecoder.decode(raw);
        assertEquals(tx.withoutSidecar(), fromNode.transaction() instanceof BlobTransaction b ? b.withoutSidecar() : null);
        assertEquals(hash, fromNode.hash());
        assertEquals(sender.address(), fromNode.sender());
    }

    @Test
    void smallDataTakesOneBlobWhoseProofVerifies() {
        BlobSidecar sidecar = Blobs.from("hello blobs".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, sidecar.blobs().size());
        assertTrue(sidecar.verify());
        Hash versioned = sidecar.versionedHashes().get(0);
        assertEquals(BlobSidecar.VERSION_KZG, versioned.value()[0]);
        // A proof of another blob does not verify.
        BlobSidecar other = Blobs.from("other".getBytes(StandardCharsets.UTF_8));
        assertTrue(!new BlobSidecar(sidecar.blobs(), sidecar.commitments(), other.proofs()).verify());
    }
}
