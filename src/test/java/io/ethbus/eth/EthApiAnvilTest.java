package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.client.EthClient;
import io.ethbus.crypto.PersonalMessage;
import io.ethbus.crypto.Signature;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.LogEmitter;
import io.ethbus.testsupport.Mined;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.ethbus.testsupport.Await.result;
import static io.ethbus.testsupport.NodeJsonAssertions.assertMatchesNode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The typed methods a web3j user reaches for beyond the everyday ones (proofs, uncles, node
 * signing, simulation, the txpool), against a real anvil; each answer is checked against
 * another way of asking the node the same thing.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EthApiAnvilTest {
    static final Hash UNKNOWN_BLOCK = Hash.of("0x" + "ab".repeat(32));

    AnvilConnection anvil;
    EthClient client;
    Address alice;
    Address bob;

    @BeforeAll
    void start(DevChain chain) {
        anvil = AnvilConnection.open(chain);
        client = EthClient.direct(anvil.provider());
        List<Address> accounts = result(client.eth().accounts());
        alice = accounts.get(0);
        bob = accounts.get(1);
    }

    @AfterAll
    void stop() {
        anvil.close();
    }

    @Test
    void proofAgreesWithTheAccountsBalanceNonceStorageAndTheBlocksStateRoot() {
        Address account = Address.ofAnyCase("0x00000000000000000000000000000000000e7a01");
        Bytes code = Bytes.of("0x6001600055");
        Hash slotOne = Hash.of("0x" + "00".repeat(31) + "01");
        Hash unsetSlot = Hash.of("0x" + "00".repeat(31) + "07");
        result(client.request("anvil_setCode", account.toHex(), code.toHex()));
        result(client.request("anvil_setBalance", account.toHex(), "0x1234567"));
        result(client.request("anvil_setNonce", account.toHex(), "0x5"));
        result(client.request("anvil_setStorageAt", account.toHex(), slotOne.toHex(), "0x" + "00".repeat(31) + "2a"));
        result(client.request("evm_mine"));
        long number = result(client.eth().blockNumber());
        BlockId at = BlockId.number(number);

        AccountProof proof = result(client.eth().getProof(account, List.of(slotOne, unsetSlot), at));

        assertMatchesNode(proof, result(client.request("eth_getProof", account.toHex(),
                List.of(slotOne.toHex(), unsetSlot.toHex()), Hex.quantity(number))));
        assertEquals(account, proof.address());
        assertEquals(result(client.eth().getBalance(account, at)), proof.balance());
        assertEquals(result(client.eth().getTransactionCount(account, at)), proof.nonce());
        assertEquals(BigInteger.valueOf(0x1234567), proof.balance());
        assertEquals(BigInteger.valueOf(5), proof.nonce());
        assertEquals(Hash.of(Hex.encode(Keccak.keccak256(code.value()))), proof.codeHash());
        assertEquals(2, proof.storageProof().size());
        for (StorageProof slot : proof.storageProof()) {
            Bytes stored = result(client.eth().getStorageAt(account, new BigInteger(1, slot.key().value()), at));
            assertEquals(new BigInteger(1, stored.value()), slot.value(), "slot " + slot.key());
        }
        assertEquals(BigInteger.valueOf(42), proof.storageProof().get(0).value());
        assertEquals(BigInteger.ZERO, proof.storageProof().get(1).value());
        // the first node of the account proof is the state trie's root: its hash is the block's stateRoot
        Block block = result(client.eth().getBlockByNumber(at, false)).orElseThrow();
        assertEquals(block.stateRoot(), Hash.of(Hex.encode(Keccak.keccak256(proof.accountProof().get(0).value()))));
        assertEquals(proof.storageHash(),
                Hash.of(Hex.encode(Keccak.keccak256(proof.storageProof().get(0).proof().get(0).value()))));
    }

    @Test
    void blobBaseFeeIsTheNextBlobFeeOfFeeHistory() {
        result(client.request("evm_mine"));
        BigInteger blobBaseFee = result(client.eth().blobBaseFee());
        FeeHistory history = result(client.eth().feeHistory(1, BlockId.LATEST, List.of()));
        assertTrue(blobBaseFee.signum() > 0);
        assertEquals(history.baseFeePerBlobGas().get(history.baseFeePerBlobGas().size() - 1), blobBaseFee);
    }

    @Test
    void transactionByBlockHashAndIndexIsTheMinedOne() {
        Hash sent = result(client.eth().sendTransaction(TransactionRequest.builder().from(alice).to(bob)
                .value(BigInteger.valueOf(77)).build()));
        Mined.receipt(client, sent.toHex());
        Receipt receipt = result(client.eth().getTransactionReceipt(sent)).orElseThrow();

        Transaction found = result(client.eth().getTransactionByBlockHashAndIndex(receipt.blockHash(),
                receipt.transactionIndex())).orElseThrow();

        assertEquals(sent, found.hash());
        assertMatchesNode(found, Mined.transaction(client, sent.toHex())); // not from anvil's pool: with its block
        assertEquals(Optional.empty(), result(client.eth().getTransactionByBlockHashAndIndex(UNKNOWN_BLOCK, 0)));
        assertEquals(Optional.empty(), result(client.eth().getTransactionByBlockHashAndIndex(receipt.blockHash(),
                receipt.transactionIndex() + 1000)));
    }

    @Test
    void aProofOfStakeChainHasNoUncles() {
        result(client.request("evm_mine"));
        Block head = result(client.eth().getBlockByNumber(BlockId.LATEST, false)).orElseThrow();
        BlockId atHead = BlockId.number(head.number());

        assertEquals(Optional.of(0L), result(client.eth().getUncleCountByBlockNumber(atHead)));
        assertEquals(Optional.of(0L), result(client.eth().getUncleCountByBlockHash(head.hash())));
        assertEquals(Optional.empty(), result(client.eth().getUncleByBlockNumberAndIndex(atHead, 0)));
        assertEquals(Optional.empty(), result(client.eth().getUncleByBlockHashAndIndex(head.hash(), 0)));
        assertEquals(head.uncles().size(), 0);
    }

    @Test
    void nodeSignatureRecoversToTheSigningAccount() {
        Bytes message = Bytes.wrap("ethbus signs".getBytes(StandardCharsets.UTF_8));

        Bytes signature = result(client.eth().sign(bob, message));

        assertEquals(65, signature.length());
        assertEquals(bob, PersonalMessage.of(message.value()).recoverSigner(Signature.fromBytes(signature.value())));
        assertFalse(alice.equals(PersonalMessage.of(message.value()).recoverSigner(Signature.fromBytes(signature.value()))));
    }

    @Test
    void estimateGasHonoursTheBlock() {
        long before = result(client.eth().blockNumber());
        Hash deploy = result(client.eth().sendTransaction(TransactionRequest.builder().from(alice)
                .input(Bytes.of(LogEmitter.DEPLOY_INPUT)).build()));
        Mined.receipt(client, deploy.toHex());
        Address emitter = result(client.eth().getTransactionReceipt(deploy)).orElseThrow().contractAddress();
        TransactionRequest call = TransactionRequest.builder().from(alice).to(emitter)
                .input(Bytes.of("0x" + "11".repeat(32))).build();

        BigInteger beforeDeploy = result(client.eth().estimateGas(call, BlockId.number(before)));
        BigInteger afterDeploy = result(client.eth().estimateGas(call, BlockId.LATEST));

        // before the deploy the address has no code: the intrinsic cost only, as for the same input to an account
        BigInteger toAnAccount = result(client.eth().estimateGas(TransactionRequest.builder().from(alice).to(bob)
                .input(call.input()).build(), BlockId.LATEST));
        assertEquals(toAnAccount, beforeDeploy);
        assertTrue(afterDeploy.compareTo(beforeDeploy) > 0, afterDeploy + " should exceed " + beforeDeploy);
    }

    @Test
    void simulationRunsATransferAndARevertWithoutChangingState() {
        Address recipient = Address.ofAnyCase("0x00000000000000000000000000000000000e7a02");
        Address reverter = Address.ofAnyCase("0x00000000000000000000000000000000000e7a03");
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        ObjectNode blockCalls = payload.putArray("blockStateCalls").addObject();
        blockCalls.putObject("stateOverrides").putObject(reverter.toHex()).put("code", "0x60006000fd"); // revert(0, 0)
        blockCalls.putArray("calls").add(JsonNodeFactory.instance.objectNode().put("from", alice.toHex())
                .put("to", recipient.toHex()).put("value", "0x10"))
                .add(JsonNodeFactory.instance.objectNode().put("from", alice.toHex()).put("to", reverter.toHex()));
        payload.put("traceTransfers", true);

        List<SimulatedBlock> blocks = result(client.eth().simulateV1(payload, BlockId.LATEST));

        assertEquals(1, blocks.size());
        List<SimulatedCall> calls = blocks.get(0).calls();
        assertEquals(2, calls.size());
        SimulatedCall transfer = calls.get(0);
        assertTrue(transfer.succeeded());
        assertNull(transfer.error());
        assertEquals(BigInteger.valueOf(21_000), transfer.gasUsed());
        assertEquals(1, transfer.logs().size(), "traceTransfers logs the value transfer");
        assertEquals(BigInteger.valueOf(0x10), new BigInteger(1, transfer.logs().get(0).data().value()));
        SimulatedCall revert = calls.get(1);
        assertFalse(revert.succeeded());
        assertNotNull(revert.error());
        assertEquals(2, blocks.get(0).block().transactionHashes().size());
        assertEquals(BigInteger.ZERO, result(client.eth().getBalance(recipient, BlockId.LATEST)), "nothing was sent");
    }

    @Test
    void pendingTransactionIsInTheFilterAndThePool() {
        FilterId filter = result(client.eth().newPendingTransactionFilter());
        result(client.request("anvil_setAutomine", false));
        Hash sent;
        try {
            BigInteger nonce = result(client.eth().getTransactionCount(bob, BlockId.PENDING));
            sent = result(client.eth().sendTransaction(TransactionRequest.builder().from(bob).to(alice)
                    .nonce(nonce).gas(21_000).value(BigInteger.valueOf(99)).build()));

            FilterChanges changes = result(client.eth().getFilterChanges(filter));
            TxpoolStatus status = result(client.txpool().status());
            TxpoolContent content = result(client.txpool().content());
            TxpoolInspect inspect = result(client.txpool().inspect());

            assertTrue(changes.hashes().contains(sent), changes.hashes() + " lacks " + sent);
            assertTrue(changes.logs().isEmpty());
            assertMatchesNode(status, result(client.request("txpool_status")));
            assertTrue(status.pending() >= 1);
            Map<BigInteger, Transaction> bobs = content.pending().get(bob);
            assertNotNull(bobs, "bob's pending transactions");
            assertEquals(sent, bobs.get(nonce).hash());
            assertNull(bobs.get(nonce).blockNumber());
            assertMatchesNode(bobs.get(nonce), result(client.request("txpool_content"))
                    .get("pending").get(bob.toHex()).get(nonce.toString()));
            assertTrue(inspect.pending().get(bob).get(nonce).contains("99 wei"), inspect.pending().get(bob).toString());
            result(client.request("evm_mine"));
        } finally {
            result(client.request("anvil_setAutomine", true));
            result(client.eth().uninstallFilter(filter));
        }
        assertTrue(result(client.eth().getTransactionReceipt(sent)).isPresent());
        assertEquals(0, result(client.txpool().status()).pending());
    }
}
