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

class ReceiptAndLogTest {
    private static final Hash TRANSFER_TOPIC = Hash.of("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

    // anvil: a contract creation whose constructor emits one LOG1
    static final String WITH_LOGS = """
            {"type":"0x2","status":"0x1","cumulativeGasUsed":"0xd5ab",
             "logs":[{"address":"0xdc64a140aa3e981100a9beca4e685f962f0cf6c9",
               "topics":["0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"],
               "data":"0x00000000000000000000000000000000000000000000000000000000000000ff",
               "blockHash":"0x4b722a21aabc5bab59af5b25e0f786e5305b780160916112f88d72e24b0c5caf",
               "blockNumber":"0x5","blockTimestamp":"0x6b03590b",
               "transactionHash":"0x51c0e33ba863793bdc7ccfea636f3d499ddedd97b4f8b1f6d2718e0ed1809b73",
               "transactionIndex":"0x0","logIndex":"0x0","removed":false}],
             "logsBloom":"0x00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
             "transactionHash":"0x51c0e33ba863793bdc7ccfea636f3d499ddedd97b4f8b1f6d2718e0ed1809b73",
             "transactionIndex":"0x0","blockHash":"0x4b722a21aabc5bab59af5b25e0f786e5305b780160916112f88d72e24b0c5caf",
             "blockNumber":"0x5","gasUsed":"0xd5ab","effectiveGasPrice":"0x688e21fb","blobGasPrice":"0x1",
             "from":"0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266","to":null,
             "contractAddress":"0xdc64a140aa3e981100a9beca4e685f962f0cf6c9","blockTimestamp":1795381515}
            """;

    // Pre-Byzantium, shaped like mainnet block 46147's transaction (root illustrative): a state root, no status, no type.
    private static final String PRE_BYZANTIUM = """
            {"blockHash":"0x4e3a3754410177e6937ef1f84bba68ea139e8d1a2258c5f85db9f1cd715a1bdd",
             "blockNumber":"0xb443","contractAddress":null,"cumulativeGasUsed":"0x5208",
             "from":"0xa1e4380a3b1f749673e270229993ee55f35663b4","gasUsed":"0x5208","logs":[],
             "logsBloom":"0x00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
             "root":"0x96a8e009d2b88b1483e6941e6812e32263b05683fac202abc622a3e31aed1957",
             "to":"0x5df9b87991262f6ba471f09758cde1c0fc1de734",
             "transactionHash":"0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060",
             "transactionIndex":"0x0"}
            """;

    @Test
    void receiptWithLogs() {
        Receipt r = Receipt.fromJson(Json.parse(WITH_LOGS));
        assertEquals(Hash.of("0x51c0e33ba863793bdc7ccfea636f3d499ddedd97b4f8b1f6d2718e0ed1809b73"), r.transactionHash());
        assertEquals(0L, r.transactionIndex());
        assertEquals(Hash.of("0x4b722a21aabc5bab59af5b25e0f786e5305b780160916112f88d72e24b0c5caf"), r.blockHash());
        assertEquals(5L, r.blockNumber());
        assertEquals(Address.of("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), r.from());
        assertNull(r.to());
        assertEquals(BigInteger.valueOf(54_699), r.cumulativeGasUsed());
        assertEquals(BigInteger.valueOf(54_699), r.gasUsed());
        assertEquals(BigInteger.valueOf(1_754_145_275), r.effectiveGasPrice());
        assertEquals(Address.of("0xdc64a140aa3e981100a9beca4e685f962f0cf6c9"), r.contractAddress());
        assertEquals(256, r.logsBloom().length());
        assertEquals(2, r.type());
        assertEquals(1, r.status());
        assertTrue(r.succeeded());
        assertNull(r.root());
        assertNull(r.blobGasUsed());
        assertEquals(BigInteger.ONE, r.blobGasPrice());

        assertEquals(1, r.logs().size());
        Log log = r.logs().get(0);
        assertEquals(r.contractAddress(), log.address());
        assertEquals(List.of(TRANSFER_TOPIC), log.topics());
        byte[] data = new byte[32];
        data[31] = (byte) 0xff;
        assertEquals(Bytes.wrap(data), log.data());
        assertEquals(5L, log.blockNumber());
        assertEquals(r.blockHash(), log.blockHash());
        assertEquals(r.transactionHash(), log.transactionHash());
        assertEquals(0L, log.transactionIndex());
        assertEquals(0L, log.logIndex());
        assertFalse(log.removed());
        assertEquals(1_795_381_515L, log.blockTimestamp());
        assertThrows(UnsupportedOperationException.class, () -> r.logs().clear());
    }

    @Test
    void failedReceipt() {
        ObjectNode node = (ObjectNode) Json.parse(WITH_LOGS);
        node.put("status", "0x0");
        Receipt r = Receipt.fromJson(node);
        assertEquals(0, r.status());
        assertFalse(r.succeeded());
    }

    @Test
    void preByzantiumReceiptHasRootAndNoStatus() {
        Receipt r = Receipt.fromJson(Json.parse(PRE_BYZANTIUM));
        assertNull(r.status());
        assertFalse(r.succeeded());
        assertEquals(Hash.of("0x96a8e009d2b88b1483e6941e6812e32263b05683fac202abc622a3e31aed1957"), r.root());
        assertEquals(0, r.type());
        assertEquals(46_147L, r.blockNumber());
        assertNull(r.effectiveGasPrice());
        assertNull(r.contractAddress());
        assertEquals(Address.of("0x5df9b87991262f6ba471f09758cde1c0fc1de734"), r.to());
        assertEquals(BigInteger.valueOf(21_000), r.gasUsed());
        assertEquals(List.of(), r.logs());
    }

    @Test
    void pendingLogWithoutBlockFields() {
        Log log = Log.fromJson(Json.parse("""
                {"address":"0xdc64a140aa3e981100a9beca4e685f962f0cf6c9","topics":[],"data":"0x",
                 "blockNumber":null,"blockHash":null,"transactionHash":null,"transactionIndex":null,"logIndex":null}
                """));
        assertEquals(List.of(), log.topics());
        assertEquals(Bytes.EMPTY, log.data());
        assertNull(log.blockNumber());
        assertNull(log.blockHash());
        assertNull(log.transactionHash());
        assertNull(log.transactionIndex());
        assertNull(log.logIndex());
        assertNull(log.blockTimestamp());
        assertFalse(log.removed());
    }

    @Test
    void removedLog() {
        ObjectNode node = (ObjectNode) Json.parse(WITH_LOGS).get("logs").get(0);
        node.put("removed", true);
        assertTrue(Log.fromJson(node).removed());
        node.put("removed", "yes");
        assertThrows(MalformedResponseException.class, () -> Log.fromJson(node));
    }

    @Test
    void invalidHexInLog() {
        ObjectNode node = (ObjectNode) Json.parse(WITH_LOGS);
        ((ObjectNode) node.get("logs").get(0)).put("data", "0xfff");
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> Receipt.fromJson(node));
        assertTrue(e.getMessage().startsWith("log.data: "), e.getMessage());
    }

    @Test
    void missingRequiredFields() {
        ObjectNode node = (ObjectNode) Json.parse(WITH_LOGS);
        node.remove("blockNumber");
        MalformedResponseException e = assertThrows(MalformedResponseException.class, () -> Receipt.fromJson(node));
        assertTrue(e.reason().contains("'blockNumber'"), e.reason());
        ObjectNode log = (ObjectNode) Json.parse(WITH_LOGS).get("logs").get(0);
        log.putNull("topics");
        assertThrows(MalformedResponseException.class, () -> Log.fromJson(log));
    }
}
