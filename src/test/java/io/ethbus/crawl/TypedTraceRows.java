package io.ethbus.crawl;

import io.ethbus.client.EthClient;
import io.ethbus.eth.Block;
import io.ethbus.eth.CallFrame;
import io.ethbus.eth.CallType;
import io.ethbus.eth.Tracer;
import io.ethbus.eth.TransactionTrace;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.testsupport.Await;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The rows a crawl must write for the trace datasets of blocks {@code first..last}, built from
 * the typed client ({@code debug().traceBlockByNumber} with the callTracer, the block's
 * hashes) and, for a created contract's code hash, from {@code eth_getCode} at the head: an
 * oracle that shares no code with the crawl's {@link TraceRowReader}.
 */
final class TypedTraceRows {
    private final List<List<Object>> traces = new ArrayList<>();
    private final List<List<Object>> contracts = new ArrayList<>();
    private final List<List<Object>> transfers = new ArrayList<>();
    private final EthClient client;

    private TypedTraceRows(EthClient client) {
        this.client = client;
    }

    static TypedTraceRows of(EthClient client, long first, long last) {
        TypedTraceRows rows = new TypedTraceRows(client);
        for (long n = first; n <= last; n++) {
            Block block = Await.result(client.eth().getBlockByNumber(BlockId.number(n), false)).orElseThrow();
            List<TransactionTrace<CallFrame>> traces = Await.result(client.debug().traceBlockByNumber(n, Tracer.CALL));
            for (int i = 0; i < traces.size(); i++) {
                rows.add(block, i, traces.get(i).result(), List.of(), false);
            }
        }
        return rows;
    }

    /** The rows of {@code dataset}, one of the three trace datasets. */
    List<List<Object>> rows(Dataset dataset) {
        if (dataset.equals(Dataset.TRACES)) {
            return traces;
        }
        if (dataset.equals(Dataset.CONTRACTS)) {
            return contracts;
        }
        if (dataset.equals(Dataset.NATIVE_TRANSFERS)) {
            return transfers;
        }
        throw new IllegalArgumentException(dataset + " is not read from traces");
    }

    private void add(Block block, int tx, CallFrame f, List<Integer> address, boolean failedAbove) {
        String at = address.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
        String hash = block.transactionHashes().get(tx).toHex();
        traces.add(Arrays.asList(block.number(), block.hash().toHex(), (long) tx, hash, (long) address.size(), at,
                f.type().name(), f.from().toHex(), f.to() == null ? null : f.to().toHex(),
                f.value() == null ? null : f.value().toString(), f.gas(), f.gasUsed(), f.input().toHex(),
                f.output() == null ? null : f.output().toHex(), f.error()));
        boolean failed = failedAbove || f.error() != null;
        if (!failed && f.type().creates()) {
            Bytes code = Await.result(client.eth().getCode(f.to(), BlockId.LATEST));
            contracts.add(Arrays.asList(block.number(), block.hash().toHex(), (long) tx, hash, at, f.type().name(),
                    f.to().toHex(), f.from().toHex(), Hex.encode(Keccak.keccak256(code.value()))));
        }
        boolean paying = f.type() == CallType.CALL || f.type().creates() || f.type() == CallType.SELFDESTRUCT;
        if (!failed && paying && f.value() != null && f.value().signum() > 0) {
            transfers.add(Arrays.asList(block.number(), block.hash().toHex(), (long) tx, hash, (long) address.size(), at,
                    f.type().name(), f.from().toHex(), f.to().toHex(), f.value().toString()));
        }
        for (int i = 0; i < f.calls().size(); i++) {
            List<Integer> below = new ArrayList<>(address);
            below.add(i);
            add(block, tx, f.calls().get(i), below, failed);
        }
    }
}
