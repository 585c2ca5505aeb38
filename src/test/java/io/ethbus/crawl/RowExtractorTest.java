package io.ethbus.crawl;

import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RawJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad answers, canned: each is a typed error that names the block and the field. */
class RowExtractorTest {
    private static final String HASH = "0x" + "ab".repeat(32);
    private static final RowExtractor EXTRACTOR = new RowExtractor(
            List.of(Dataset.BLOCKS, Dataset.TRANSACTIONS, Dataset.RECEIPTS, Dataset.LOGS));

    private static RawJson json(String text) {
        return RawJson.of(text.replace('\'', '"'));
    }

    private static String block(String extra) {
        return "{'number':'0x7','hash':'" + HASH + "','parentHash':'" + HASH + "','timestamp':'0x10',"
                + "'gasLimit':'0x1c9c380','gasUsed':'0x5208','extraData':'0x','stateRoot':'" + HASH + "',"
                + "'transactionsRoot':'" + HASH + "','receiptsRoot':'" + HASH + "','miner':'0x" + "AB".repeat(20) + "',"
                + "'size':'0x220'" + extra + "}";
    }

    private static final String TX_HASH = "0x" + "cd".repeat(32);
    private static final String OTHER = "0x" + "ee".repeat(32);

    /** A full transaction of block 7 in the block {@code blockHash} at position {@code index}. */
    private static String transaction(String blockHash, String index) {
        return "{'blockNumber':'0x7','blockHash':'" + blockHash + "','transactionIndex':'" + index + "','hash':'" + TX_HASH
                + "','nonce':'0x1','from':'0x" + "11".repeat(20) + "','value':'0x0','gas':'0x5208','input':'0x'}";
    }

    /** A receipt of block 7's transaction 0 with two logs: the first in block {@code logBlockHash}, indices as given. */
    private static String receipt(String blockHash, String txHash, String logBlockHash, String logIndex, String secondLogIndex) {
        return "{'blockNumber':'0x7','blockHash':'" + blockHash + "','transactionIndex':'0x0','transactionHash':'" + txHash
                + "','from':'0x" + "11".repeat(20) + "','gasUsed':'0x5208','cumulativeGasUsed':'0x5208','status':'0x1',"
                + "'logs':[" + log(logBlockHash, logIndex) + "," + log(HASH, secondLogIndex) + "]}";
    }

    private static String log(String blockHash, String logIndex) {
        return "{'blockNumber':'0x7','blockHash':'" + blockHash + "','transactionIndex':'0x0','transactionHash':'" + TX_HASH
                + "','logIndex':'" + logIndex + "','address':'0x" + "22".repeat(20) + "','topics':[],'data':'0x'}";
    }

    private static MalformedResponseException failure(String block, String receipts) {
        return assertThrows(MalformedResponseException.class,
                () -> EXTRACTOR.extract(new FetchedBlock(7, json(block), json(receipts)), "node"));
    }

    @Test
    void aGoodBlockWithoutTransactionsGivesOneRowWithAddressesLowercased() throws Exception {
        BlockRows rows = EXTRACTOR.extract(new FetchedBlock(7, json(block(",'transactions':[]")), json("[]")), "node");
        Row row = rows.rows().get(Dataset.BLOCKS).get(0);
        assertEquals(7L, row.get(0));
        assertEquals("0x" + "ab".repeat(20), row.get(4));
        assertEquals(30_000_000L, row.get(5));
        assertEquals(0L, row.get(10));
        assertEquals(0, rows.rows().get(Dataset.TRANSACTIONS).size());
    }

    @Test
    void aMissingRequiredFieldNamesItAndTheBlock() throws Exception {
        String noParent = block("").replace("'parentHash':'" + HASH + "',", "");
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> EXTRACTOR.extract(new FetchedBlock(7, json(noParent), json("[]")), "node"));
        assertTrue(e.getMessage().contains("block 7") && e.getMessage().contains("block.parentHash"), e.getMessage());
        assertEquals("eth_getBlockByNumber", e.method());
    }

    @Test
    void badHexInATransactionNamesTheField() throws Exception {
        String tx = "{'hash':'" + HASH + "','nonce':'0x1','from':'0x" + "11".repeat(20) + "','value':'0xzz',"
                + "'gas':'0x5208','input':'0x'}";
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> EXTRACTOR.extract(new FetchedBlock(7, json(block(",'transactions':[" + tx + "]")), json("[]")), "node"));
        assertTrue(e.getMessage().contains("transaction.value"), e.getMessage());
    }

    @Test
    void fewerReceiptsThanTransactionsIsMalformed() throws Exception {
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> EXTRACTOR.extract(new FetchedBlock(7, json(block(",'transactions':['" + HASH + "']")), json("[]")), "node"));
        assertTrue(e.getMessage().contains("1 transactions but 0 receipts"), e.getMessage());
        assertEquals("eth_getBlockReceipts", e.method());
    }

    @Test
    void anAnswerForAnotherBlockIsMalformed() throws Exception {
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> EXTRACTOR.extract(new FetchedBlock(8, json(block(",'transactions':[]")), json("[]")), "node"));
        assertTrue(e.getMessage().contains("block 8: block.number: expected 8, got 7"), e.getMessage());
    }

    @Test
    void aBlockWithoutNumberHashOrTransactionsIsMalformed() throws Exception {
        for (String field : List.of("'number':'0x7',", "'hash':'" + HASH + "',")) {
            MalformedResponseException e = failure(block(",'transactions':[]").replace(field, ""), "[]");
            assertTrue(e.getMessage().contains("is missing"), e.getMessage());
        }
        assertTrue(failure(block(""), "[]").getMessage().contains("block.transactions is missing"));
    }

    @Test
    void aGoodBlockWithItsReceiptsGivesRowsOfEachDataset() throws Exception {
        BlockRows rows = EXTRACTOR.extract(new FetchedBlock(7, json(block(",'transactions':[" + transaction(HASH, "0x0") + "]")),
                json("[" + receipt(HASH, TX_HASH, HASH, "0x0", "0x1") + "]")),
                "node");
        assertEquals(1, rows.rows().get(Dataset.RECEIPTS).size());
        assertEquals(2, rows.rows().get(Dataset.LOGS).size());
        assertEquals(1L, rows.rows().get(Dataset.LOGS).get(1).get(5));
    }

    @Test
    void aTransactionOfAnotherBlockOrPositionIsMalformed() throws Exception {
        String wrongBlock = failure(block(",'transactions':[" + transaction(OTHER, "0x0") + "]"), "[]").getMessage();
        assertTrue(wrongBlock.contains("transactions[0].blockHash: expected '" + HASH + "', got '" + OTHER + "'"), wrongBlock);
        String wrongIndex = failure(block(",'transactions':[" + transaction(HASH, "0x3") + "]"), "[]").getMessage();
        assertTrue(wrongIndex.contains("transactions[0].transactionIndex: expected 0, got 3"), wrongIndex);
    }

    @Test
    void aReceiptOfAnotherBlockOrTransactionIsMalformed() throws Exception {
        String block = block(",'transactions':['" + TX_HASH + "']");
        MalformedResponseException other = failure(block, "[" + receipt(OTHER, TX_HASH, OTHER, "0x0", "0x1") + "]");
        assertEquals("eth_getBlockReceipts", other.method());
        assertTrue(other.getMessage().contains("block 7: receipts[0].blockHash: expected '" + HASH + "', got '" + OTHER + "'"),
                other.getMessage());
        String tx = failure(block, "[" + receipt(HASH, OTHER, HASH, "0x0", "0x1") + "]").getMessage();
        assertTrue(tx.contains("receipts[0].transactionHash: expected '" + TX_HASH + "', got '" + OTHER + "'"), tx);
        String more = failure(block, "[" + receipt(HASH, TX_HASH, HASH, "0x0", "0x1") + ","
                + receipt(HASH, TX_HASH, HASH, "0x2", "0x3") + "]")
                .getMessage();
        assertTrue(more.contains("receipts[1]"), more);
    }

    @Test
    void aLogOfAnotherBlockOrOutOfOrderIsMalformed() throws Exception {
        String block = block(",'transactions':['" + TX_HASH + "']");
        String other = failure(block, "[" + receipt(HASH, TX_HASH, OTHER, "0x0", "0x1") + "]").getMessage();
        assertTrue(other.contains("receipts[0].logs[0].blockHash: expected '" + HASH + "', got '" + OTHER + "'"), other);
        // both logs say index 5: not increasing through the block
        String order = failure(block, "[" + receipt(HASH, TX_HASH, HASH, "0x5", "0x5") + "]").getMessage();
        assertTrue(order.contains("receipts[0].logs[1].logIndex: expected more than 5"), order);
    }
}
