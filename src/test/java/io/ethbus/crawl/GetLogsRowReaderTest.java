package io.ethbus.crawl;

import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RawJson;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** eth_getLogs answers, canned: the good one gives rows per block, each bad one is a malformed answer naming the log. */
class GetLogsRowReaderTest {
    private static final String HASH_7 = "0x" + "07".repeat(32);
    private static final String HASH_8 = "0x" + "08".repeat(32);
    private static final String TX_7 = "0x" + "a7".repeat(32);
    private static final String TX_8 = "0x" + "a8".repeat(32);
    private static final String TOKEN = "0x" + "22".repeat(20);
    private static final String TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";
    private static final List<BlockRowReader.Header> HEADERS = List.of(
            new BlockRowReader.Header(7, HASH_7, HASH_7, 100, List.of(TX_7)),
            new BlockRowReader.Header(8, HASH_8, HASH_7, 112, List.of(TX_8)));
    private static final LogQuery QUERY = new LogQuery(Set.of(TOKEN), Set.of(TOPIC));

    private static String log(String number, String blockHash, String txHash, String logIndex, String address) {
        return "{'blockNumber':'" + number + "','blockHash':'" + blockHash + "','transactionIndex':'0x0','transactionHash':'"
                + txHash + "','logIndex':'" + logIndex + "','address':'" + address + "','topics':['" + TOPIC + "'],'data':'0x'}";
    }

    private static List<List<Row>> read(String... logs) {
        return GetLogsRowReader.read(RawJson.of(("[" + String.join(",", logs) + "]").replace('\'', '"')).cursor(), HEADERS, QUERY);
    }

    private static String failure(String... logs) {
        return assertThrows(MalformedResponseException.class, () -> read(logs)).getMessage();
    }

    @Test
    void logsGoToTheirBlockWithTheHeadersHashAndTime() {
        List<List<Row>> rows = read(log("0x7", HASH_7, TX_7, "0x0", TOKEN), log("0x7", HASH_7,
                TX_7, "0x2", TOKEN), log("0x8", HASH_8, TX_8, "0x0", TOKEN));
        assertEquals(2, rows.get(0).size());
        assertEquals(1, rows.get(1).size());
        Row second = rows.get(0).get(1);
        assertEquals(List.of(7L, HASH_7, 100L, 0L, TX_7, 2L, TOKEN), second.values().subList(0, 7));
        assertEquals(TOPIC, second.get(7));
        assertEquals(112L, rows.get(1).get(0).get(2));
        assertEquals(List.of(List.of(), List.of()), read());
    }

    @Test
    void aLogOfAnotherBlockHashIsAReorgAndMalformed() {
        String m = failure(log("0x8", HASH_7, TX_8, "0x0", TOKEN));
        assertTrue(m.contains("logs[0].blockHash") && m.contains(HASH_8), m);
    }

    @Test
    void aLogOutsideTheRangeIsMalformed() {
        String m = failure(log("0x9", HASH_8, TX_8, "0x0", TOKEN));
        assertTrue(m.contains("logs[0].blockNumber: expected 7..8, got 9"), m);
    }

    @Test
    void logIndicesMustIncreaseWithinABlock() {
        String m = failure(log("0x7", HASH_7, TX_7, "0x1", TOKEN), log("0x7", HASH_7, TX_7, "0x1", TOKEN));
        assertTrue(m.contains("logs[1].logIndex: expected more than 1"), m);
        read(log("0x7", HASH_7, TX_7, "0x5", TOKEN), log("0x8", HASH_8, TX_8, "0x0", TOKEN));
    }

    @Test
    void aLogOfAnotherTransactionOrContractOrTopicIsMalformed() {
        assertTrue(failure(log("0x7", HASH_7, TX_8, "0x0", TOKEN)).contains("logs[0].transactionHash"));
        String other = "0x" + "33".repeat(20);
        assertTrue(failure(log("0x7", HASH_7, TX_7, "0x0", other)).contains("not what the filter asked for"));
        String otherTopic = log("0x7", HASH_7, TX_7, "0x0", TOKEN).replace(TOPIC, "0x" + "44".repeat(32));
        assertTrue(failure(otherTopic).contains("not what the filter asked for"));
        assertTrue(failure(log("0x7", HASH_7, TX_7, "0x0", TOKEN).replace("'transactionIndex':'0x0'", "'transactionIndex':'0x3'"))
                .contains("block 7 has 1 transactions, got 3"));
    }
}
