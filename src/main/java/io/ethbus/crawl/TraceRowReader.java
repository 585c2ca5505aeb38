package io.ethbus.crawl;

import io.ethbus.eth.CallFrame;
import io.ethbus.eth.CallType;
import io.ethbus.eth.ParityTrace;
import io.ethbus.eth.TraceCalls;
import io.ethbus.eth.Tracer;
import io.ethbus.eth.TransactionTrace;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RawJson;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the rows of the trace datasets from one block's traces, as the node answered
 * {@code debug_traceBlockByNumber} with the callTracer or {@code trace_block}, through the
 * typed API's decoding ({@link TraceCalls}). The traces are matched to the block first: one
 * per transaction, in order, each naming the block's transaction where the answer names one;
 * anything else is a {@link MalformedResponseException} and no row of the block is kept.
 * A frame inside a failed frame (its own error or an error above it) moved nothing: it is a
 * {@code traces} row but no {@code contracts} or {@code native_transfers} row.
 */
final class TraceRowReader {
    private final BlockRowReader.Header header;
    private final List<Row> traces;
    private final List<Row> contracts;
    private final List<Row> transfers;

    /** Each list is where that dataset's rows go, or null when it is not crawled. */
    private TraceRowReader(BlockRowReader.Header header, List<Row> traces, List<Row> contracts, List<Row> transfers) {
        this.header = header;
        this.traces = traces;
        this.contracts = contracts;
        this.transfers = transfers;
    }

    /** Reads {@code answer} (from {@code api}) into the given lists, each null when that dataset is not crawled. */
    static void read(RawJson answer, TraceApi api, BlockRowReader.Header header, List<Row> traces, List<Row> contracts,
                     List<Row> transfers) {
        TraceRowReader reader = new TraceRowReader(header, traces, contracts, transfers);
        try {
            if (api == TraceApi.DEBUG) {
                reader.debug(TraceCalls.traceBlock(BlockId.number(header.number()), Tracer.CALL).reader()
                        .read(answer.cursor()));
            } else {
                reader.parity(TraceCalls.block(BlockId.number(header.number())).reader().read(answer.cursor()));
            }
        } catch (MalformedResponseException e) {
            throw e;
        } catch (EthbusException e) {
            throw new MalformedResponseException(null, null, "traces: " + e.getMessage(), e);
        }
    }

    private void debug(List<TransactionTrace<CallFrame>> answer) {
        if (answer.size() != header.transactionCount()) {
            throw malformed("block has " + header.transactionCount() + " transactions but " + answer.size() + " traces");
        }
        for (int i = 0; i < answer.size(); i++) {
            TransactionTrace<CallFrame> t = answer.get(i);
            String expected = header.transactionHashes().get(i);
            if (t.transactionHash() != null && !t.transactionHash().toHex().equalsIgnoreCase(expected)) {
                throw malformed("traces[" + i + "].txHash: expected " + expected + ", got " + t.transactionHash().toHex());
            }
            if (t.error() != null) {
                throw malformed("traces[" + i + "]: the node could not trace " + expected + ": " + t.error());
            }
            walk(t.result(), i, new ArrayList<>(), false);
        }
    }

    private void walk(CallFrame frame, int tx, List<Integer> address, boolean failedAbove) {
        boolean failed = failedAbove || frame.error() != null;
        frame(tx, address, frame.type(), frame.from(), frame.to(), frame.value(), frame.gas(), frame.gasUsed(),
                frame.input(), frame.output(), frame.error(), failed);
        for (int i = 0; i < frame.calls().size(); i++) {
            address.add(i);
            walk(frame.calls().get(i), tx, address, failed);
            address.remove(address.size() - 1);
        }
    }

    private void parity(List<ParityTrace> answer) {
        int expectedTop = 0;
        Set<List<Integer>> failed = new HashSet<>();
        for (ParityTrace t : answer) {
            if (t.type() == null && t.transactionHash() == null) {
                continue; // a block reward: no transaction, no frame
            }
            Long position = t.transactionPosition();
            if (position == null || position < 0 || position >= header.transactionCount() || t.type() == null) {
                throw malformed("trace of transaction " + t.transactionHash() + " at position " + position
                        + " is not one of the block's " + header.transactionCount() + " transactions");
            }
            int tx = position.intValue();
            String expected = header.transactionHashes().get(tx);
            if (t.transactionHash() == null || !t.transactionHash().toHex().equalsIgnoreCase(expected)) {
                throw malformed("trace at position " + tx + ": transactionHash: expected " + expected + ", got "
                        + (t.transactionHash() == null ? "none" : t.transactionHash().toHex()));
            }
            if (t.blockHash() != null && !t.blockHash().toHex().equalsIgnoreCase(header.hash())) {
                throw malformed("trace of " + expected + ": blockHash: expected " + header.hash() + ", got "
                        + t.blockHash().toHex());
            }
            if (t.traceAddress().isEmpty()) {
                if (tx != expectedTop) {
                    throw malformed("the call of transaction " + expectedTop + " is missing or out of order (got "
                            + tx + ")");
                }
                expectedTop++;
                failed.clear();
            } else if (tx != expectedTop - 1) {
                throw malformed("a trace of transaction " + tx + " comes outside its transaction's traces");
            }
            boolean inFailed = t.error() != null || failedAbove(failed, t.traceAddress());
            if (inFailed) {
                failed.add(t.traceAddress());
            }
            frame(tx, t.traceAddress(), t.type(), t.from(), t.to(), t.value(), t.gas(), t.gasUsed(), t.input(),
                    t.output(), t.error(), inFailed);
        }
        if (expectedTop != header.transactionCount()) {
            throw malformed("block has " + header.transactionCount() + " transactions but traces of " + expectedTop);
        }
    }

    private static boolean failedAbove(Set<List<Integer>> failed, List<Integer> address) {
        for (int depth = address.size() - 1; depth >= 0 && !failed.isEmpty(); depth--) {
            if (failed.contains(address.subList(0, depth))) {
                return true;
            }
        }
        return false;
    }

    /** The rows of one frame: always a trace; a contract and a transfer only when nothing failed around it. */
    private void frame(int tx, List<Integer> address, CallType type, Address from, Address to, BigInteger value,
                       Long gas, Long gasUsed, Bytes input, Bytes output, String error, boolean failed) {
        Long block = header.number();
        Long index = (long) tx;
        String hash = header.transactionHashes().get(tx);
        String place = address.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        if (traces != null) {
            traces.add(Row.of(block, header.hash(), index, hash, (long) address.size(), place, type.name(), hex(from),
                    hex(to), value == null ? null : value.toString(), gas, gasUsed, hex(input), hex(output), error));
        }
        if (failed) {
            return;
        }
        if (contracts != null && type.creates() && to != null) {
            // geth leaves out an empty output: a contract deployed with no code
            byte[] code = output == null ? new byte[0] : output.value();
            contracts.add(Row.of(block, header.hash(), index, hash, place, type.name(), hex(to), hex(from),
                    Hex.encode(Keccak.keccak256(code))));
        }
        // a DELEGATECALL or STATICCALL carries its caller's value (geth) but moves none; CALLCODE pays itself
        boolean moves = type == CallType.CALL || type.creates() || type == CallType.SELFDESTRUCT;
        if (transfers != null && moves && value != null && value.signum() > 0) {
            transfers.add(Row.of(block, header.hash(), index, hash, (long) address.size(), place, type.name(), hex(from),
                    hex(to), value.toString()));
        }
    }

    private static String hex(Address a) {
        return a == null ? null : a.toHex();
    }

    private static String hex(Bytes b) {
        return b == null ? null : b.toHex();
    }

    private MalformedResponseException malformed(String reason) {
        return new MalformedResponseException(null, null, reason);
    }
}
