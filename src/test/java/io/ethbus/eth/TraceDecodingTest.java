package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RawJson;
import io.ethbus.rpc.RpcCall;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trace answers, canned: the tree and the streaming reader give the same records, and bad shapes the same errors. */
class TraceDecodingTest {
    private static final String A = "0x" + "11".repeat(20);
    private static final String B = "0x" + "22".repeat(20);
    private static final String TX = "0x" + "cd".repeat(32);

    private static String json(String text) {
        return text.replace('\'', '"');
    }

    /** Both decodings of {@code text}; fails unless they agree. */
    private static <T> T decode(RpcCall<T> call, String text) {
        T tree = call.decoder().apply(JsonRpcCodec.parse(json(text).getBytes(), "test", "test"));
        T streamed = call.reader().read(RawJson.of(json(text)).cursor());
        assertEquals(tree, streamed);
        return streamed;
    }

    private static String failure(RpcCall<?> call, String text) {
        String tree = assertThrows(EthbusException.class,
                () -> call.decoder().apply(JsonRpcCodec.parse(json(text).getBytes(), "test", "test"))).getMessage();
        String streamed = assertThrows(EthbusException.class, () -> call.reader().read(RawJson.of(json(text)).cursor()))
                .getMessage();
        assertEquals(tree, streamed);
        return streamed;
    }

    @Test
    void nestedCallFramesReadTheSameEitherWay() {
        String inner = "{'type':'DELEGATECALL','from':'" + B + "','to':'" + A + "','gas':'0x10','gasUsed':'0x8','input':'0x01'}";
        String failed = "{'type':'CALL','from':'" + B + "','to':'" + B + "','value':'0x2','gas':'0x10','gasUsed':'0x10',"
                + "'input':'0x','error':'execution reverted','revertReason':'always','calls':[" + inner + "]}";
        String top = "{'type':'CALL','from':'" + A + "','to':'" + B + "','value':'0x64','gas':'0x5208','gasUsed':'0x5208',"
                + "'input':'0x','output':'0x','calls':[" + failed + "," + inner + "]}";
        CallFrame frame = decode(TraceCalls.traceTransaction(Hash.of(TX), Tracer.CALL), top);
        assertEquals(BigInteger.valueOf(100), frame.value());
        assertEquals(2, frame.calls().size());
        assertEquals("always", frame.calls().get(0).revertReason());
        assertEquals(CallType.DELEGATECALL, frame.calls().get(0).calls().get(0).type());
        assertEquals(null, frame.calls().get(1).value());

        List<TransactionTrace<CallFrame>> block = decode(TraceCalls.traceBlock(BlockId.number(7), Tracer.CALL),
                "[{'txHash':'" + TX + "','result':" + top + "},{'txHash':'" + TX + "','error':'timeout'}]");
        assertEquals(frame, block.get(0).result());
        assertEquals("timeout", block.get(1).error());
    }

    @Test
    void badFramesAreTheSameErrorEitherWay() {
        RpcCall<CallFrame> call = TraceCalls.traceTransaction(Hash.of(TX), Tracer.CALL);
        String base = "'from':'" + A + "','gas':'0x1','gasUsed':'0x1'";
        assertTrue(failure(call, "{'type':'JUMP'," + base + "}").contains("unknown call frame type 'JUMP'"));
        assertTrue(failure(call, "{" + base + "}").contains("callFrame has no 'type'"));
        assertTrue(failure(call, "{'type':'CALL','from':'" + A + "','gas':'0x1'}").contains("gasUsed"));
        assertThrows(EthbusException.class, () -> call.reader().read(RawJson.of(json("{'type':'CALL'," + base
                + ",'calls':{}}")).cursor()));
    }

    @Test
    void prestateAndParityTracesAreTyped() {
        PrestateDiff diff = decode(TraceCalls.traceTransaction(Hash.of(TX), Tracer.PRESTATE_DIFF),
                "{'pre':{'" + A + "':{'balance':'0x10','nonce':3,'code':'0x6000','storage':{'0x" + "00".repeat(32)
                        + "':'0x" + "00".repeat(31) + "07'}}},'post':{'" + A + "':{'balance':'0x5','nonce':4}}}");
        assertEquals(BigInteger.valueOf(3), diff.pre().account(Address.ofAnyCase(A)).nonce());
        assertEquals(1, diff.pre().account(Address.ofAnyCase(A)).storage().size());
        assertEquals(BigInteger.valueOf(5), diff.post().account(Address.ofAnyCase(A)).balance());

        List<ParityTrace> traces = decode(TraceCalls.transaction(Hash.of(TX)), "[{'type':'create','action':{'from':'" + A
                + "','value':'0x1','gas':'0x10','init':'0x60'},'result':{'address':'" + B + "','code':'0x6001','gasUsed':'0x8'},"
                + "'traceAddress':[],'subtraces':1,'transactionHash':'" + TX + "','transactionPosition':0,'blockNumber':7},"
                + "{'type':'suicide','action':{'address':'" + B + "','refundAddress':'" + A + "','balance':'0x1'},"
                + "'result':null,'traceAddress':[0],'subtraces':0,'transactionHash':'" + TX + "','transactionPosition':0,"
                + "'blockNumber':7}]");
        assertEquals(CallType.CREATE, traces.get(0).type());
        assertEquals(Address.ofAnyCase(B), traces.get(0).to());
        assertEquals("0x6001", traces.get(0).output().toHex());
        assertEquals(CallType.SELFDESTRUCT, traces.get(1).type());
        assertEquals(List.of(0), traces.get(1).traceAddress());
        assertEquals(Address.ofAnyCase(A), traces.get(1).to());
    }
}
