package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.InvalidAddressException;
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

class TransactionTest {
    private static final Address SENDER = Address.of("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    private static final Address RECIPIENT = Address.of("0x70997970c51812dc3a010c7d01b50e0f17dc79c8");

    // As anvil returns them (eth_getTransactionByHash), legacy EIP-155 signed.
    static final String LEGACY = """
            {"type":"0x0","chainId":"0x7a69","nonce":"0x0","gasPrice":"0x77359400","gas":"0x5208",
             "to":"0x70997970c51812dc3a010c7d01b50e0f17dc79c8","value":"0x1","input":"0x",
             "r":"0x864515e863d8fead4eb3a47bb95d70742d1a166d3b037d54d421ffb6aea4369d",
             "s":"0x53a6dc74b3f953178a26a56ed8aad3ce28535b4cae74a23cf19664215c6341d2","v":"0xf4f5",
             "hash":"0x1cf0a7d973aa1d9ca4a8577285249c979143de3999c0564092c0b1fb77ac3db5",
             "blockHash":"0x5763f0ce248a28d10b785e65d92377c66e235d0bb16dd44325fb841eea2a190f",
             "blockNumber":"0x1","transactionIndex":"0x0","from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
             "blockTimestamp":"0x6b035905"}
            """;

    static final String ACCESS_LIST = """
            {"type":"0x1","chainId":"0x7a69","nonce":"0x1","gasPrice":"0x77359400","gas":"0x62d4",
             "to":"0x70997970c51812dc3a010c7d01b50e0f17dc79c8","value":"0x2",
             "accessList":[{"address":"0x70997970c51812dc3a010c7d01b50e0f17dc79c8",
               "storageKeys":["0x0000000000000000000000000000000000000000000000000000000000000001"]}],
             "input":"0x","r":"0x34bd4803faea7274a487fe7a0fdcee9ed8750d4a56a96d6904896ee5749f17d7",
             "s":"0x2cf5c896ec6dad092409ad1560981d5044034178e2a1feec0caa7c5cc0c82795","yParity":"0x0","v":"0x0",
             "hash":"0x0cf3457eca4fcfb59ecd888a13a5323842e1807797b385584abe9aadab0c70a7",
             "blockHash":"0x4eb4a278aa7ce1e48ebd724f88040e277d4134201e5dcb4db25b8a49fe5f7e7d",
             "blockNumber":"0x2","transactionIndex":"0x0","from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
             "blockTimestamp":"0x6b035905"}
            """;

    static final String DYNAMIC_FEE = """
            {"type":"0x2","chainId":"0x7a69","nonce":"0x2","gas":"0x5208","maxFeePerGas":"0x70b3213a",
             "maxPriorityFeePerGas":"0x3b9aca00","to":"0x70997970c51812dc3a010c7d01b50e0f17dc79c8","value":"0x3",
             "accessList":[],"input":"0x","r":"0xcc5a3eb661306cfb9b091370345d243f340466f8026a5ad4000b4480195ef109",
             "s":"0x549f1ec2d3bf454d90fd6e3b1f0bd8608eed0942c10ddb95f20a37e67f990caa","yParity":"0x1","v":"0x1",
             "hash":"0x96ae2b490efd48037692b953ceaa2a3d007e2d56bc5413e64d44b8eaab9a1b4b",
             "blockHash":"0x90e8f7faf5cd430da4a23c8f158f3bc52417a5ecdb054b01fe662ef86b5e90cd",
             "blockNumber":"0x3","transactionIndex":"0x0","from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
             "gasPrice":"0x69427392","blockTimestamp":"0x6b035905"}
            """;

    // Types 3 and 4 are written by hand in the same shape (signature values illustrative).
    static final String BLOB = """
            {"type":"0x3","chainId":"0x7a69","nonce":"0x5","gas":"0x5208","maxFeePerGas":"0x77359400",
             "maxPriorityFeePerGas":"0x3b9aca00","maxFeePerBlobGas":"0x3e8",
             "to":"0x70997970c51812dc3a010c7d01b50e0f17dc79c8","value":"0x0","accessList":[],
             "blobVersionedHashes":["0x01a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
                                    "0x0100000000000000000000000000000000000000000000000000000000000002"],
             "input":"0x","r":"0x1","s":"0x2","yParity":"0x1","v":"0x1",
             "hash":"0x2a1b9b1e4e2e0f4b1c3f7e3d3e26a7c0b2b9ffd3e7a37d4d1c0ad26c0f5b1a01",
             "blockHash":"0x90e8f7faf5cd430da4a23c8f158f3bc52417a5ecdb054b01fe662ef86b5e90cd",
             "blockNumber":"0x7","transactionIndex":"0x1","from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
             "gasPrice":"0x69427392"}
            """;

    static final String SET_CODE = """
            {"type":"0x4","chainId":"0x7a69","nonce":"0x6","gas":"0x186a0","maxFeePerGas":"0x77359400",
             "maxPriorityFeePerGas":"0x3b9aca00","to":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","value":"0x0",
             "accessList":[],
             "authorizationList":[{"chainId":"0x7a69","address":"0x5fbdb2315678afecb367f032d93f642f64180aa3",
               "nonce":"0x7","yParity":"0x1",
               "r":"0x9b7b7a4e5f0f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f801",
               "s":"0x1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8019b7b7a4e5f0f"}],
             "input":"0x","r":"0x3","s":"0x4","yParity":"0x0","v":"0x0",
             "hash":"0x3b2c9c2f5f3f1f5c2d4f8f4e4f37b8d1c3cafd04f8b48e5e2d1be37d1f6c2b02",
             "blockHash":null,"blockNumber":null,"transactionIndex":null,
             "from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","gasPrice":"0x77359400"}
            """;

    @Test
    void legacy() {
        Transaction tx = Transaction.fromJson(Json.parse(LEGACY));
        assertEquals(0, tx.type());
        assertEquals(Hash.of("0x1cf0a7d973aa1d9ca4a8577285249c979143de3999c0564092c0b1fb77ac3db5"), tx.hash());
        assertEquals(BigInteger.ZERO, tx.nonce());
        assertEquals(Hash.of("0x5763f0ce248a28d10b785e65d92377c66e235d0bb16dd44325fb841eea2a190f"), tx.blockHash());
        assertEquals(1L, tx.blockNumber());
        assertEquals(0L, tx.transactionIndex());
        assertEquals(SENDER, tx.from());
        assertEquals(RECIPIENT, tx.to());
        assertEquals(BigInteger.ONE, tx.value());
        assertEquals(BigInteger.valueOf(21_000), tx.gas());
        assertEquals(BigInteger.valueOf(2_000_000_000), tx.gasPrice());
        assertNull(tx.maxFeePerGas());
        assertNull(tx.maxPriorityFeePerGas());
        assertNull(tx.maxFeePerBlobGas());
        assertEquals(Bytes.EMPTY, tx.input());
        assertEquals(BigInteger.valueOf(31337), tx.chainId());
        assertEquals(List.of(), tx.accessList());
        assertEquals(List.of(), tx.blobVersionedHashes());
        assertEquals(List.of(), tx.authorizationList());
        // EIP-155: v = chainId * 2 + 35 + recovery id
        assertEquals(BigInteger.valueOf(31337L * 2 + 35), tx.v());
        assertEquals(new BigInteger("60731985359523497312968762869824715606309297535593234562616259278348843497117"), tx.r());
        assertEquals(new BigInteger("53a6dc74b3f953178a26a56ed8aad3ce28535b4cae74a23cf19664215c6341d2", 16), tx.s());
        assertNull(tx.yParity());
        assertTrue(tx.isMined());
    }

    @Test
    void accessList() {
        Transaction tx = Transaction.fromJson(Json.parse(ACCESS_LIST));
        assertEquals(1, tx.type());
        assertEquals(BigInteger.ONE, tx.nonce());
        assertEquals(BigInteger.valueOf(25_300), tx.gas());
        assertEquals(BigInteger.TWO, tx.value());
        assertEquals(1, tx.accessList().size());
        AccessListItem item = tx.accessList().get(0);
        assertEquals(RECIPIENT, item.address());
        assertEquals(List.of(Hash.of("0x0000000000000000000000000000000000000000000000000000000000000001")), item.storageKeys());
        assertEquals(0, tx.yParity());
        assertEquals(BigInteger.ZERO, tx.v());
        assertEquals(2L, tx.blockNumber());
    }

    @Test
    void dynamicFee() {
        Transaction tx = Transaction.fromJson(Json.parse(DYNAMIC_FEE));
        assertEquals(2, tx.type());
        assertEquals(BigInteger.valueOf(1_890_787_642), tx.maxFeePerGas());
        assertEquals(BigInteger.valueOf(1_000_000_000), tx.maxPriorityFeePerGas());
        // For a mined type-2 transaction gasPrice is the effective price paid.
        assertEquals(BigInteger.valueOf(1_765_962_642), tx.gasPrice());
        assertEquals(List.of(), tx.accessList());
        assertEquals(1, tx.yParity());
        assertEquals(3L, tx.blockNumber());
    }

    @Test
    void blob() {
        Transaction tx = Transaction.fromJson(Json.parse(BLOB));
        assertEquals(3, tx.type());
        assertEquals(BigInteger.valueOf(1000), tx.maxFeePerBlobGas());
        assertEquals(List.of(
                Hash.of("0x01a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8"),
                Hash.of("0x0100000000000000000000000000000000000000000000000000000000000002")), tx.blobVersionedHashes());
        assertEquals(1L, tx.transactionIndex());
        assertEquals(BigInteger.ZERO, tx.value());
    }

    @Test
    void setCodePending() {
        Transaction tx = Transaction.fromJson(Json.parse(SET_CODE));
        assertEquals(4, tx.type());
        assertEquals(SENDER, tx.to());
        assertNull(tx.blockHash());
        assertNull(tx.blockNumber());
        assertNull(tx.transactionIndex());
        assertFalse(tx.isMined());
        assertEquals(1, tx.authorizationList().size());
        Authorization auth = tx.authorizationList().get(0);
        assertEquals(BigInteger.valueOf(31337), auth.chainId());
        assertEquals(Address.of("0x5FbDB2315678afecb367f032d93F642f64180aa3"), auth.address());
        assertEquals(BigInteger.valueOf(7), auth.nonce());
        assertEquals(1, auth.yParity());
        assertEquals(new BigInteger("9b7b7a4e5f0f1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f801", 16), auth.r());
        assertEquals(new BigInteger("1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8019b7b7a4e5f0f", 16), auth.s());
    }

    @Test
    void missingTypeMeansLegacyAndContractCreationHasNoTo() {
        ObjectNode node = (ObjectNode) Json.parse(LEGACY);
        node.remove("type");
        node.putNull("to");
        node.put("input", "0x6080604052");
        Transaction tx = Transaction.fromJson(node);
        assertEquals(0, tx.type());
        assertNull(tx.to());
        assertEquals(Bytes.of("0x6080604052"), tx.input());
    }

    @Test
    void listsAreUnmodifiable() {
        Transaction tx = Transaction.fromJson(Json.parse(ACCESS_LIST));
        assertThrows(UnsupportedOperationException.class, () -> tx.accessList().clear());
        assertThrows(UnsupportedOperationException.class, () -> tx.accessList().get(0).storageKeys().clear());
    }

    @Test
    void invalidHexNamesTheField() {
        ObjectNode node = (ObjectNode) Json.parse(DYNAMIC_FEE);
        node.put("gas", "0xzz");
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> Transaction.fromJson(node));
        assertTrue(e.getMessage().startsWith("transaction.gas: "), e.getMessage());
        assertTrue(e.getMessage().contains("0xzz"), e.getMessage());
    }

    @Test
    void invalidHashInsideNestedList() {
        ObjectNode node = (ObjectNode) Json.parse(BLOB);
        node.putArray("blobVersionedHashes").add("0x01");
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> Transaction.fromJson(node));
        assertTrue(e.getMessage().startsWith("transaction.blobVersionedHashes[0]: "), e.getMessage());
    }

    @Test
    void typeBeyondIntIsRejected() {
        ObjectNode node = (ObjectNode) Json.parse(DYNAMIC_FEE);
        node.put("type", "0x100000000");
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> Transaction.fromJson(node));
        assertTrue(e.getMessage().startsWith("transaction.type: "), e.getMessage());
    }

    @Test
    void missingRequiredField() {
        ObjectNode node = (ObjectNode) Json.parse(DYNAMIC_FEE);
        node.remove("hash");
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> Transaction.fromJson(node));
        assertTrue(e.reason().contains("'hash'"), e.reason());
    }

    @Test
    void mistypedField() {
        ObjectNode node = (ObjectNode) Json.parse(DYNAMIC_FEE);
        node.put("nonce", 2);
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> Transaction.fromJson(node));
        assertTrue(e.reason().contains("transaction.nonce"), e.reason());
        assertThrows(MalformedResponseException.class, () -> Transaction.fromJson(Json.parse("[]")));
        assertThrows(MalformedResponseException.class, () -> Transaction.fromJson(null));
    }

    @Test
    void badAddressIsAnAddressError() {
        ObjectNode node = (ObjectNode) Json.parse(DYNAMIC_FEE);
        node.put("from", "0xf39fd6e51aad88f6f4ce6ab8827279cfffb922");
        InvalidAddressException e = assertThrows(InvalidAddressException.class, () -> Transaction.fromJson(node));
        assertTrue(e.getMessage().startsWith("transaction.from: "), e.getMessage());
    }
}
