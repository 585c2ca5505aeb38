package io.ethbus.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.Batch;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RawJson;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Future;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;

/**
 * Fetches a run of consecutive blocks, and their receipts when asked, in JSON-RPC batches:
 * eth_getBlockByNumber plus eth_getBlockReceipts per block in one batch, or, with
 * {@link ReceiptSource#TRANSACTION}, the blocks first and then one batch of
 * eth_getTransactionReceipt for all their transactions; with a {@link TraceApi}, each block's
 * traces in the same batch as the block. Answers stay JSON: rows are read
 * from them later, off the event loop, without typed decoding. On request the same batch also
 * asks for the headers (transaction hashes, not objects) of the block before the run and the
 * block after it, so that the run's first parent hash and last hash are matched before any of
 * it is written. A null block is a malformed answer: the head said it exists (a lagging backend).
 */
final class BlockFetcher {
    private final RpcCaller caller;
    /** Where each block's traces come from, in the same batch as the block; null when no trace dataset is crawled. */
    private final TraceApi traces;

    BlockFetcher(RpcCaller caller, TraceApi traces) {
        this.caller = caller;
        this.traces = traces;
    }

    /**
     * The outcome of one fetch: the blocks in order, the headers of the blocks before and after
     * them (null when not asked for; {@code after} is JSON null when the node has no such block
     * yet), the eth_getLogs answer for the whole run (null when not asked for), and how many
     * HTTP requests and calls it took.
     */
    record Result(List<FetchedBlock> blocks, RawJson before, RawJson after, RawJson logs, int httpRequests, int calls) {
        Result withHeaders(RawJson before, RawJson after, RawJson logs) {
            return new Result(blocks, before, after, logs, httpRequests, calls);
        }

        /** The bytes of JSON the node answered for the run: what holding it costs, for the crawl's memory budget. */
        long answerBytes() {
            return blocks.stream().mapToLong(FetchedBlock::answerBytes).sum() + (logs == null ? 0 : logs.length());
        }
    }

    /** {@code logs}: the eth_getLogs filter of the event datasets, asked for in the same batch; null for none. */
    Future<Result> fetch(long first, long last, boolean fullTransactions, boolean receipts, ReceiptSource source,
                         boolean headerBefore, boolean headerAfter, LogQuery logs) {
        Batch batch = caller.batch();
        Future<RawJson> before = headerBefore ? batch.addRaw(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), Hex.quantity(first - 1), false)
                : Future.succeededFuture();
        Future<RawJson> after = headerAfter ? batch.addRaw(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), Hex.quantity(last + 1), false)
                : Future.succeededFuture();
        Future<RawJson> found = logs == null ? Future.succeededFuture()
                : batch.addRaw(RpcMethod.ETH_GET_LOGS.wireName(), logs.filter(first, last));
        // a too-large eth_getLogs answer fails the batch: the dispatcher retries it in smaller runs
        return blocks(batch, first, last, fullTransactions, receipts, source)
                .compose(result -> Future.all(before, after, found)
                        .map(v -> result.withHeaders(before.result(), after.result(), found.result())));
    }

    private Future<Result> blocks(Batch batch, long first, long last, boolean fullTransactions, boolean receipts,
                                  ReceiptSource source) {
        List<Future<RawJson>> blocks = new ArrayList<>();
        List<Future<RawJson>> blockReceipts = new ArrayList<>();
        List<Future<RawJson>> blockTraces = new ArrayList<>();
        boolean byBlock = receipts && source == ReceiptSource.BLOCK;
        for (long n = first; n <= last; n++) {
            String number = Hex.quantity(n);
            blocks.add(batch.addRaw(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), number, fullTransactions));
            if (byBlock) {
                blockReceipts.add(batch.addRaw(RpcMethod.ETH_GET_BLOCK_RECEIPTS.wireName(), number));
            }
            if (traces != null) {
                blockTraces.add(batch.addRaw(traces.method().wireName(), traces.params(number)));
            }
        }
        int calls = batch.size();
        Future<List<RawJson>> fetchedBlocks = batch.send()
                .compose(v -> Future.all(blocks))
                .compose(v -> Future.all(blockTraces))
                .map(v -> present(blocks, RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), i -> first + i));
        // the traces are complete once the blocks are: both wait for the whole batch
        Supplier<List<RawJson>> fetchedTraces = () -> traces == null ? null
                : present(blockTraces, traces.method().wireName(), i -> first + i);
        if (!receipts) {
            return fetchedBlocks.map(list -> new Result(withReceipts(list, null, fetchedTraces.get(), first), null, null,
                    null, 1, calls));
        }
        if (byBlock) {
            return fetchedBlocks.compose(list -> Future.all(blockReceipts)
                    .map(v -> new Result(withReceipts(list, present(blockReceipts, RpcMethod.ETH_GET_BLOCK_RECEIPTS.wireName(), i -> first + i),
                            fetchedTraces.get(), first), null, null, null, 1, calls)));
        }
        return fetchedBlocks.compose(list -> transactionReceipts(list, fetchedTraces.get(), first, calls));
    }

    private Future<Result> transactionReceipts(List<RawJson> blocks, List<RawJson> blockTraces, long first,
                                               int blockCalls) {
        Batch batch = caller.batch();
        List<List<Future<RawJson>>> perBlock = new ArrayList<>();
        for (RawJson b : blocks) {
            List<Future<RawJson>> futures = new ArrayList<>();
            // the fallback for nodes without eth_getBlockReceipts: a tree per block to find its hashes
            for (JsonNode tx : transactions(b.toTree())) {
                JsonNode hash = tx.isObject() ? tx.get("hash") : tx;
                if (hash == null || !hash.isTextual()) {
                    throw new MalformedResponseException(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), caller.endpoint(),
                            "a transaction in blocks from " + first + " has no hash");
                }
                futures.add(batch.addRaw(RpcMethod.ETH_GET_TRANSACTION_RECEIPT.wireName(), hash.textValue()));
            }
            perBlock.add(futures);
        }
        int calls = batch.size();
        Future<Void> sent = calls == 0 ? Future.succeededFuture() : batch.send();
        return sent.compose(v -> Future.all(perBlock.stream().flatMap(List::stream).toList())).map(v -> {
            List<RawJson> receipts = new ArrayList<>(blocks.size());
            for (int b = 0; b < perBlock.size(); b++) {
                long number = first + b;
                receipts.add(array(present(perBlock.get(b), RpcMethod.ETH_GET_TRANSACTION_RECEIPT.wireName(), i -> number)));
            }
            return new Result(withReceipts(blocks, receipts, blockTraces, first), null, null, null, calls == 0 ? 1 : 2,
                    blockCalls + calls);
        });
    }

    private static JsonNode transactions(JsonNode block) {
        JsonNode txs = block.get("transactions");
        return txs == null || !txs.isArray() ? JsonRpcCodec.mapper().createArrayNode() : txs;
    }

    /**
     * The answers, none of them null. The head said the block exists, so a null answer is a
     * node that does not know it yet (a lagging backend behind a load balancer): malformed, retried.
     */
    private List<RawJson> present(List<Future<RawJson>> answers, String method, IntToLongFunction blockAt) {
        List<RawJson> out = new ArrayList<>(answers.size());
        for (Future<RawJson> f : answers) {
            RawJson answer = f.result();
            if (answer == null || answer.isNull()) {
                throw new MalformedResponseException(method, caller.endpoint(), "block " + blockAt.applyAsLong(out.size())
                        + ": null, for a block at or below the head (or a receipt in it)");
            }
            out.add(answer);
        }
        return out;
    }

    /** The JSON array of {@code items}, as text. */
    private static RawJson array(List<RawJson> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        try {
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                items.get(i).writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        out.write(']');
        return RawJson.wrap(out.toByteArray());
    }

    private static List<FetchedBlock> withReceipts(List<RawJson> blocks, List<RawJson> receipts,
                                                   List<RawJson> blockTraces, long first) {
        List<FetchedBlock> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            out.add(new FetchedBlock(first + i, blocks.get(i), receipts == null ? null : receipts.get(i),
                    blockTraces == null ? null : blockTraces.get(i)));
        }
        return out;
    }
}
