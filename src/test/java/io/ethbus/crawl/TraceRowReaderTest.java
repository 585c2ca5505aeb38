package io.ethbus.crawl;

import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RawJson;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trace answers that are not the block's, canned: each is a malformed answer naming what is wrong. */
class TraceRowReaderTest {
    private static final String BLOCK = "0x" + "ab".repeat(32);
    private static final String TX0 = "0x" + "c0".repeat(32);
    private static final String TX1 = "0x" + "c1".repeat(32);
    private static final String A = "0x" + "11".repeat(20);
    private static final String B = "0x" + "22".repeat(20);
    private static final BlockRowReader.Header HEADER = new BlockRowReader.Header(7, BLOCK, BLOCK, 16, List.of(TX0, TX1));

    private static String frame(String type, String value, String error, String calls) {
        return "{'type':'" + type + "','from':'" + A + "','to':'" + B + "','value':'" + value + "','gas':'0x10',"
                + "'gasUsed':'0x8','input':'0x'" + (error == null ? "" : ",'error':'" + error + "'")
                + (calls == null ? "" : ",'calls':[" + calls + "]") + "}";
    }

    private static String parity(String tx, int position, String address, String error, String blockHash) {
        return "{'type':'call','action':{'callType':'call','from':'" + A + "','to':'" + B + "','value':'0x5','gas':'0x10',"
                + "'input':'0x'},'result':{'gasUsed':'0x8','output':'0x'},'traceAddress':" + address + ",'subtraces':0,"
                + "'transactionHash':'" + tx + "','transactionPosition':" + position + ",'blockNumber':7,'blockHash':'"
                + blockHash + "'" + (error == null ? "" : ",'error':'" + error + "'") + "}";
    }

    private static List<List<Row>> read(TraceApi api, String answer) {
        List<List<Row>> rows = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        TraceRowReader.read(RawJson.of(answer.replace('\'', '"')), api, HEADER, rows.get(0), rows.get(1), rows.get(2));
        return rows;
    }

    private static String malformed(TraceApi api, String answer) {
        return assertThrows(MalformedResponseException.class, () -> read(api, answer)).getMessage();
    }

    @Test
    void debugTracesMustBeTheBlocksTransactionsInOrder() {
        String ok = frame("CALL", "0x1", null, null);
        assertTrue(malformed(TraceApi.DEBUG, "[{'txHash':'" + TX0 + "','result':" + ok + "}]")
                .contains("2 transactions but 1 traces"));
        assertTrue(malformed(TraceApi.DEBUG, "[{'txHash':'" + TX1 + "','result':" + ok + "},{'txHash':'" + TX0
                + "','result':" + ok + "}]").contains("traces[0].txHash: expected " + TX0));
        assertTrue(malformed(TraceApi.DEBUG, "[{'txHash':'" + TX0 + "','error':'execution timeout'},{'txHash':'" + TX1
                + "','result':" + ok + "}]").contains("could not trace " + TX0 + ": execution timeout"));
        assertTrue(malformed(TraceApi.DEBUG, "[{'txHash':'" + TX0 + "','result':" + frame("JUMP", "0x1", null, null)
                + "},{'txHash':'" + TX1 + "','result':" + ok + "}]").contains("unknown call frame type 'JUMP'"));
        assertTrue(malformed(TraceApi.DEBUG, "[{'txHash':'" + TX0 + "'},{'txHash':'" + TX1 + "','result':" + ok + "}]")
                .contains("neither 'result' nor 'error'"));
    }

    @Test
    void debugFramesInsideAFailedFrameMoveNothing() {
        String failed = frame("CALL", "0x2", "execution reverted", frame("CALL", "0x3", null, null));
        String top = frame("CALL", "0x1", null, failed + "," + frame("CREATE", "0x4", null, null));
        List<List<Row>> rows = read(TraceApi.DEBUG, "[{'txHash':'" + TX0 + "','result':" + top + "},{'result':"
                + frame("STATICCALL", "0x9", null, null) + "}]");
        assertEquals(5, rows.get(0).size(), "every frame is a trace row");
        assertEquals(List.of("[]", "[0]", "[0,0]", "[1]", "[]"), rows.get(0).stream().map(r -> r.get(5)).toList());
        assertEquals(List.of("1", "4"), rows.get(2).stream().map(r -> r.get(9)).toList(),
                "no transfer inside the reverted frame, none by a STATICCALL");
        assertEquals(1, rows.get(1).size(), "the CREATE: a contract");
    }

    @Test
    void parityTracesMustNameTheBlocksTransactionsInOrder() {
        String reward = "{'type':'reward','action':{'author':'" + A + "','value':'0x1','rewardType':'block'},"
                + "'result':null,'traceAddress':[],'subtraces':0,'blockNumber':7,'blockHash':'" + BLOCK + "'}";
        List<List<Row>> rows = read(TraceApi.TRACE, "[" + parity(TX0, 0, "[]", null, BLOCK) + ","
                + parity(TX0, 0, "[0]", "Reverted", BLOCK) + "," + parity(TX0, 0, "[0,0]", null, BLOCK) + ","
                + parity(TX1, 1, "[]", null, BLOCK) + "," + reward + "]");
        assertEquals(4, rows.get(0).size(), "the reward is no frame");
        assertEquals(List.of(TX0, TX1), rows.get(2).stream().map(r -> r.get(3)).toList(), "nothing moves inside [0]");

        assertTrue(malformed(TraceApi.TRACE, "[" + parity(TX0, 0, "[]", null, BLOCK) + "," + parity(TX0, 1, "[]", null, BLOCK)
                + "]").contains("transactionHash: expected " + TX1));
        assertTrue(malformed(TraceApi.TRACE, "[" + parity(TX0, 0, "[]", null, BLOCK) + "]")
                .contains("2 transactions but traces of 1"));
        assertTrue(malformed(TraceApi.TRACE, "[" + parity(TX1, 1, "[]", null, BLOCK) + "]")
                .contains("the call of transaction 0 is missing"));
        assertTrue(malformed(TraceApi.TRACE, "[" + parity(TX0, 0, "[]", null, TX1) + "]")
                .contains("blockHash: expected " + BLOCK));
        assertTrue(malformed(TraceApi.TRACE, "[" + parity(TX0, 5, "[]", null, BLOCK) + "]")
                .contains("not one of the block's 2 transactions"));
    }
}
