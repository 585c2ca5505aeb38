package io.ethbus.eth;

import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.SolcExtension;
import io.ethbus.testsupport.TestContracts;
import io.ethbus.testsupport.TraceFactoryRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.List;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * client.debug() and client.trace() on anvil, against one TraceFactory.run transaction whose
 * frames are known: CREATE and CREATE2 with value, a transfer to another address, a
 * DELEGATECALL, a STATICCALL, and a reverted call that forwarded value on.
 */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracingAnvilTest {
    private AnvilConnection anvil;
    private EthClient client;
    private TraceFactoryRun run;

    @BeforeAll
    void send(DevChain chain, TestContracts contracts) {
        anvil = AnvilConnection.open(chain);
        client = EthClient.direct(anvil.provider());
        run = TraceFactoryRun.send(new RpcCaller(anvil.provider()), contracts);
    }

    @AfterAll
    void close() {
        anvil.close();
    }

    private static void assertFrame(CallFrame f, CallType type, Address from, Address to, Long value) {
        assertEquals(type, f.type(), f.toString());
        assertEquals(from, f.from(), f.toString());
        assertEquals(to, f.to(), f.toString());
        if (value != null) {
            assertEquals(BigInteger.valueOf(value), f.value(), f.toString());
        }
    }

    @Test
    void callTracerGivesEveryFrameTypedAndNested() {
        CallFrame top = result(client.debug().traceTransaction(Hash.of(run.runTx()), Tracer.CALL));
        assertFrame(top, CallType.CALL, run.sender(), run.factory(), TraceFactoryRun.RUN_VALUE);
        assertNull(top.error());
        assertTrue(top.gasUsed() > 21_000, "gas used " + top.gasUsed());
        List<CallFrame> calls = top.calls();
        assertEquals(6, calls.size(), calls.toString());
        assertFrame(calls.get(0), CallType.CREATE, run.factory(), run.created(), 3L);
        assertFrame(calls.get(1), CallType.CREATE2, run.factory(), run.created2(), 5L);
        assertFrame(calls.get(2), CallType.CALL, run.factory(), run.payee(), 11L);
        assertFrame(calls.get(3), CallType.DELEGATECALL, run.factory(), run.created(), null);
        assertFrame(calls.get(4), CallType.STATICCALL, run.factory(), run.created2(), null);
        assertFrame(calls.get(5), CallType.CALL, run.factory(), run.factory(), 2L);
        assertNotNull(calls.get(5).error(), "the reverted call carries its error");
        assertEquals(1, calls.get(5).calls().size());
        assertFrame(calls.get(5).calls().get(0), CallType.CALL, run.factory(), run.payee(), 2L);
        assertEquals(Bytes.of("0x"), calls.get(2).input());
        // a creation frame's output is the deployed code
        for (int i = 0; i < 2; i++) {
            Bytes code = result(client.eth().getCode(calls.get(i).to(), BlockId.LATEST));
            assertArrayEquals(Keccak.keccak256(code.value()), Keccak.keccak256(calls.get(i).output().value()));
        }
    }

    @Test
    void blockTracesAreTheTransactionsTracesInOrder() {
        CallFrame single = result(client.debug().traceTransaction(Hash.of(run.runTx()), Tracer.CALL));
        List<TransactionTrace<CallFrame>> byNumber = result(client.debug().traceBlockByNumber(run.runBlock(), Tracer.CALL));
        assertEquals(1, byNumber.size());
        assertEquals(Hash.of(run.runTx()), byNumber.get(0).transactionHash());
        assertEquals(single, byNumber.get(0).result());
        Block block = result(client.eth().getBlockByNumber(BlockId.number(run.runBlock()), false)).orElseThrow();
        assertEquals(byNumber, result(client.debug().traceBlockByHash(block.hash(), Tracer.CALL)));
    }

    @Test
    void prestateTracerGivesTheTouchedAccountsBeforeAndAfter() {
        PrestateTrace before = result(client.debug().traceTransaction(Hash.of(run.runTx()), Tracer.PRESTATE));
        BigInteger senderAfter = result(client.eth().getBalance(run.sender(), BlockId.number(run.runBlock())));
        assertTrue(before.account(run.sender()).balance().compareTo(senderAfter) > 0, "the sender paid value and gas");
        assertNotNull(before.account(run.factory()).code(), "the factory's code is in its prestate");

        PrestateDiff diff = result(client.debug().traceTransaction(Hash.of(run.runTx()), Tracer.PRESTATE_DIFF));
        assertEquals(BigInteger.valueOf(11), diff.post().account(run.payee()).balance());
        assertEquals(result(client.eth().getBalance(run.created(), BlockId.LATEST)),
                diff.post().account(run.created()).balance());
        List<TransactionTrace<PrestateDiff>> block = result(client.debug().traceBlockByNumber(run.runBlock(),
                Tracer.PRESTATE_DIFF));
        assertEquals(diff, block.get(0).result());
    }

    @Test
    void parityTracesAreTheSameFramesFlat() {
        List<ParityTrace> traces = result(client.trace().transaction(Hash.of(run.runTx())));
        assertEquals(8, traces.size(), traces.toString());
        CallFrame top = result(client.debug().traceTransaction(Hash.of(run.runTx()), Tracer.CALL));
        List<CallFrame> frames = List.of(top, top.calls().get(0), top.calls().get(1), top.calls().get(2),
                top.calls().get(3), top.calls().get(4), top.calls().get(5), top.calls().get(5).calls().get(0));
        List<List<Integer>> addresses = List.of(List.of(), List.of(0), List.of(1), List.of(2), List.of(3), List.of(4),
                List.of(5), List.of(5, 0));
        for (int i = 0; i < traces.size(); i++) {
            ParityTrace t = traces.get(i);
            CallFrame f = frames.get(i);
            assertEquals(addresses.get(i), t.traceAddress(), t.toString());
            assertEquals(f.type(), t.type(), t.toString());
            assertEquals(f.from(), t.from(), t.toString());
            assertEquals(f.to(), t.to(), t.toString());
            if (f.type() == CallType.CALL || f.type().creates()) {
                assertEquals(f.value(), t.value(), t.toString());
            }
            assertEquals(f.error() != null, t.error() != null, t.toString());
            assertEquals(Hash.of(run.runTx()), t.transactionHash());
            assertEquals(0L, t.transactionPosition());
            assertEquals(run.runBlock(), t.blockNumber());
        }
        assertEquals(traces, result(client.trace().block(run.runBlock())));
    }
}
