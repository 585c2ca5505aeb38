package io.ethbus.bench;

import io.ethbus.rpc.RpcRequest;

import java.util.ArrayList;
import java.util.List;

/** Consecutive blocks fetched in one JSON-RPC batch (each block with its receipts). */
record BlockRun(long first, long last) {
    int size() {
        return (int) (last - first + 1);
    }

    /** The block runs of recorded batches: the blocks each batch asked eth_getBlockByNumber for with transactions. */
    static List<BlockRun> of(List<List<RpcRequest>> batches) {
        List<BlockRun> runs = new ArrayList<>();
        for (List<RpcRequest> batch : batches) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (RpcRequest r : batch) {
                // full blocks only: the headers beside a chunk (before its first block, after its last)
                // are asked for without transactions, to check the chunk's links
                if (r.method().equals("eth_getBlockByNumber") && r.params().get(1).asBoolean()) {
                    long n = Long.decode(r.params().get(0).asText());
                    first = Math.min(first, n);
                    last = Math.max(last, n);
                }
            }
            if (first <= last) {
                runs.add(new BlockRun(first, last));
            }
        }
        return runs;
    }
}
