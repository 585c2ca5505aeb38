package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.InvalidHexException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.MalformedResponseException;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockTest {
    private static final String EMPTY_BLOOM = "0x00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    // anvil, eth_getBlockByNumber("0x4", false)
    static final String WITH_HASHES = """
            {"hash":"0x63190f580902de01386fef5b809a99c2c532c8ea8ea7e6b23cecc541b36bdcf6",
             "parentHash":"0x90e8f7faf5cd430da4a23c8f158f3bc52417a5ecdb054b01fe662ef86b5e90cd",
             "sha3Uncles":"0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
             "miner":"0x0000000000000000000000000000000000000000",
             "stateRoot":"0x0142944233aa2b0c8e924a37be37a65c7b6234073aea67fe1b9528512154d05f",
             "transactionsRoot":"0x51b167def2e0b4ba857e76868004a7fbf7c36735da0aa3191e4102b805da943e",
             "receiptsRoot":"0x2fe59ee8f341c5fad0f745601e278361732216d8e0ba50511bc2263c6969a3a3",
             "logsBloom":"0x00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
             "difficulty":"0x0","number":"0x4","gasLimit":"0x1c9c380","gasUsed":"0x1c9c380","timestamp":"0x6b035905",
             "extraData":"0x","mixHash":"0x82cbf9a1b07c63ef2dd6c4a2f5f6100225781ce00d265aca0b9d25c1c2bbde20",
             "nonce":"0x0000000000000000","baseFeePerGas":"0x27f4bffc",
             "withdrawalsRoot":"0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
             "blobGasUsed":"0x0","excessBlobGas":"0x0",
             "parentBeaconBlockRoot":"0x0000000000000000000000000000000000000000000000000000000000000000",
             "requestsHash":"0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
             "totalDifficulty":"0x0","size":"0x2f8","uncles":[],
             "transactions":["0xa725d6cdafe7c040ebb4ef4e46b893c66a9cba21a69a1aab9c28768d25b77a07"],
             "withdrawals":[{"index":"0x10","validatorIndex":"0x3e8",
               "address":"0x70997970c51812dc3a010c7d01b50e0f17dc79c8","amount":"0x3b9aca00"}]}
            """;

    // anvil, eth_getBlockByNumber("0x1", true)
    static final String WITH_TRANSACTIONS = """
            {"hash":"0x5763f0ce248a28d10b785e65d92377c66e235d0bb16dd44325fb841eea2a190f",
             "parentHash":"0x25b878dffc488b4c75b39d75787655bbd71aeccbfa3b53464277e69f8d2b5c43",
             "sha3Uncles":"0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
             "miner":"0x0000000000000000000000000000000000000000",
             "stateRoot":"0x31601c60e195f34508b99b89786ed4746c5df7e4af0b95830be98d89dacc97a0",
             "transactionsRoot":"0xfffaf60e9c95bf6cfb5074c7b0800acc1b0fb22a3be16adf85089430f0c5df8b",
             "receiptsRoot":"0x056b23fbba480696b65fe5a59b8f2148a1299103c4f57df839233af2cf4ca2d2",
             "logsBloom":"0x00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
             "difficulty":"0x0","number":"0x1","gasLimit":"0x1c9c380","gasUsed":"0x5208","timestamp":"0x6b035905",
             "extraData":"0x","mixHash":"0xa676c775c4c0b57dec4dee5f25c9318e03dde84eaf2a66b8baf8c20f2aea2f38",
             "nonce":"0x0000000000000000","baseFeePerGas":"0x3b9aca00",
             "withdrawalsRoot":"0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
             "blobGasUsed":"0x0","excessBlobGas":"0x0",
             "parentBeaconBlockRoot":"0x0000000000000000000000000000000000000000000000000000000000000000",
             "requestsHash":"0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
             "totalDifficulty":"0x0","size":"0x2d1","uncles":[],
             "transactions":[%s, %s],
             "withdrawals":[]}
            """.formatted(TransactionTest.LEGACY, TransactionTest.DYNAMIC_FEE);

    // A pre-London pending block shaped as geth sends it: no number, hash, nonce or miner yet.
    private static final String PENDING = """
            {"hash":null,"number":null,"nonce":null,"miner":null,"logsBloom":null,
             "parentHash":"0x25b878dffc488b4c75b39d75787655bbd71aeccbfa3b53464277e69f8d2b5c43",
             "sha3Uncles":"0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
             "stateRoot":"0x31601c60e195f34508b99b89786ed4746c5df7e4af0b95830be98d89dacc97a0",
             "transactionsRoot":"0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
             "receiptsRoot":"0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421",
             "difficulty":"0x20000","gasLimit":"0x7a1200","gasUsed":"0x0","timestamp":"0x5c9b8f6a",
             "extraData":"0xd883010817846765746888676f312e31322e31856c696e7578","size":"0x21d",
             "uncles":["0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"],"transactions":[]}
            """;

    @Test
    void withTransactionHashes() {
        Block b = Block.fromJson(Json.parse(WITH_HASHES));
        assertEquals(4L, b.number());
        assertEquals(Hash.of("0x63190f580902de01386fef5b809a99c2c532c8ea8ea7e6b23cecc541b36bdcf6"), b.hash());
        assertEquals(Hash.of("0x90e8f7faf5cd430da4a23c8f158f3bc52417a5ecdb054b01fe662ef86b5e90cd"), b.parentHash());
        assertEquals(8, b.nonce().length());
        assertEquals(Hash.of("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347"), b.sha3Uncles());
        assertEquals(256, b.logsBloom().length());
        assertEquals(Hash.of("0x51b167def2e0b4ba857e76868004a7fbf7c36735da0aa3191e4102b805da943e"), b.transactionsRoot());
        assertEquals(Hash.of("0x0142944233aa2b0c8e924a37be37a65c7b6234073aea67fe1b9528512154d05f"), b.stateRoot());
        assertEquals(Hash.of("0x2fe59ee8f341c5fad0f745601e278361732216d8e0ba50511bc2263c6969a3a3"), b.receiptsRoot());
        assertEquals(Address.ZERO, b.miner());
        assertEquals(BigInteger.ZERO, b.difficulty());
        assertEquals(BigInteger.ZERO, b.totalDifficulty());
        assertEquals(Bytes.EMPTY, b.extraData());
        assertEquals(760L, b.size());
        assertEquals(BigInteger.valueOf(30_000_000), b.gasLimit());
        assertEquals(BigInteger.valueOf(30_000_000), b.gasUsed());
        assertEquals(1_795_381_509L, b.timestamp());
        assertEquals(Hash.of("0x82cbf9a1b07c63ef2dd6c4a2f5f6100225781ce00d265aca0b9d25c1c2bbde20"), b.mixHash());
        assertEquals(BigInteger.valueOf(670_351_356), b.baseFeePerGas());
        assertEquals(Hash.of("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"), b.withdrawalsRoot());
        assertEquals(List.of(new Withdrawal(16, 1000,
                Address.of("0x70997970c51812dc3a010c7d01b50e0f17dc79c8"), BigInteger.valueOf(1_000_000_000))), b.withdrawals());
        assertEquals(BigInteger.ZERO, b.blobGasUsed());
        assertEquals(BigInteger.ZERO, b.excessBlobGas());
        assertEquals(new Hash(new byte[32]), b.parentBeaconBlockRoot());
        assertEquals(Hash.of("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), b.requestsHash());
        assertEquals(List.of(), b.uncles());
        assertEquals(List.of(Hash.of("0xa725d6cdafe7c040ebb4ef4e46b893c66a9cba21a69a1aab9c28768d25b77a07")), b.transactionHashes());
        assertEquals(List.of(), b.transactions());
        assertFalse(b.hasFullTransactions());
        assertNull(b.proofOfAuthorityData());
        assertFalse(b.isPending());
    }

    @Test
    void withFullTransactions() {
        Block b = Block.fromJson(Json.parse(WITH_TRANSACTIONS));
        assertTrue(b.hasFullTransactions());
        assertEquals(2, b.transactions().size());
        assertEquals(0, b.transactions().get(0).type());
        assertEquals(2, b.transactions().get(1).type());
        assertEquals(List.of(
                Hash.of("0x1cf0a7d973aa1d9ca4a8577285249c979143de3999c0564092c0b1fb77ac3db5"),
                Hash.of("0x96ae2b490efd48037692b953ceaa2a3d007e2d56bc5413e64d44b8eaab9a1b4b")), b.transactionHashes());
        assertEquals(1L, b.number());
        assertEquals(BigInteger.valueOf(21_000), b.gasUsed());
        assertEquals(721L, b.size());
        assertEquals(List.of(), b.withdrawals());
        assertThrows(UnsupportedOperationException.class, () -> b.transactions().clear());
        assertThrows(UnsupportedOperationException.class, () -> b.transactionHashes().clear());
    }

    @Test
    void pendingPreLondon() {
        Block b = Block.fromJson(Json.parse(PENDING));
        assertTrue(b.isPending());
        assertNull(b.number());
        assertNull(b.hash());
        assertNull(b.nonce());
        assertNull(b.miner());
        assertNull(b.logsBloom());
        assertNull(b.baseFeePerGas());
        assertNull(b.withdrawalsRoot());
        assertNull(b.blobGasUsed());
        assertNull(b.totalDifficulty());
        assertNull(b.requestsHash());
        assertEquals(BigInteger.valueOf(0x20000), b.difficulty());
        assertEquals(Bytes.of("0xd883010817846765746888676f312e31322e31856c696e7578"), b.extraData());
        assertEquals(List.of(Hash.of("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347")), b.uncles());
        assertEquals(List.of(), b.withdrawals());
        assertEquals(List.of(), b.transactionHashes());
        assertFalse(b.hasFullTransactions());
    }

    @Test
    void proofOfAuthorityDataInsteadOfExtraData() {
        ObjectNode node = (ObjectNode) Json.parse(WITH_HASHES);
        node.remove("extraData");
        node.put("proofOfAuthorityData", "0xd88301" + "00".repeat(94));
        Block b = Block.fromJson(node);
        assertNull(b.extraData());
        assertEquals(97, b.proofOfAuthorityData().length());
        node.remove("proofOfAuthorityData");
        assertThrows(MalformedResponseException.class, () -> Block.fromJson(node));
    }

    @Test
    void missingRequiredField() {
        ObjectNode node = (ObjectNode) Json.parse(WITH_HASHES);
        node.remove("timestamp");
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> Block.fromJson(node));
        assertTrue(e.reason().contains("'timestamp'"), e.reason());
        assertTrue(e.getMessage().startsWith("malformed response: "), e.getMessage());
    }

    @Test
    void invalidHexInsideTransaction() {
        ObjectNode node = (ObjectNode) Json.parse(WITH_TRANSACTIONS);
        ((ObjectNode) node.get("transactions").get(1)).put("value", "0x-3");
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> Block.fromJson(node));
        assertTrue(e.getMessage().startsWith("transaction.value: "), e.getMessage());
    }

    @Test
    void invalidHexInHeader() {
        ObjectNode node = (ObjectNode) Json.parse(WITH_HASHES);
        node.put("stateRoot", "0x0142944233aa2b0c8e924a37be37a65c7b6234073aea67fe1b9528512154d0");
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> Block.fromJson(node));
        assertTrue(e.getMessage().startsWith("block.stateRoot: "), e.getMessage());
    }

    @Test
    void mixedTransactionListIsMalformed() {
        ObjectNode node = (ObjectNode) Json.parse(WITH_TRANSACTIONS);
        node.withArray("transactions").add("0xa725d6cdafe7c040ebb4ef4e46b893c66a9cba21a69a1aab9c28768d25b77a07");
        assertThrows(MalformedResponseException.class, () -> Block.fromJson(node));
        node.putObject("transactions");
        assertThrows(MalformedResponseException.class, () -> Block.fromJson(node));
    }
}
