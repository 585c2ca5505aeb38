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
    private static final RowExtractor EXTRACTOR = new RowExtractor(List.of(Dataset.values()));

    private static RawJson json(String text) {
        return RawJson.of(text.replace('\'', '"'));
    }

    private static String block(String extra) {
        return "{'number':'0x7','hash':'" + HASH + "','parentHash':'" + HASH + "','timestamp':'0x10',"
                + "'gasLimit':'0x1c9c380','gasUsed':'0x5208','extraData':'0x','stateRoot':'" + HASH + "',"
                + "'transactionsRoot':'" + HASH + "','receiptsRoot':'" + HASH + "','miner':'0x" + "AB".repeat(20) + "'"
                + extra + "}";
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
        assertThrows(MalformedResponseException.class,
                () -> EXTRACTOR.extract(new FetchedBlock(8, json(block(",'transactions':[]")), json("[]")), "node"));
    }
}
