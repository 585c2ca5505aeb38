package io.ethbus.crawl;

import io.ethbus.eth.Block;
import io.ethbus.eth.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.eth.Hash;
import io.ethbus.eth.Receipt;
import io.ethbus.rpc.Batch;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fetches a run of consecutive blocks, and their receipts when asked, in JSON-RPC batches:
 * eth_getBlockByNumber plus eth_getBlockReceipts per block in one batch, or, with
 * {@link ReceiptSource#TRANSACTION}, the blocks first and then one batch of
 * eth_getTransactionReceipt for all their transactions.
 */
final class BlockFetcher {
    private final RpcCaller caller;

    BlockFetcher(RpcCaller caller) {
        this.caller = caller;
    }

    /** The outcome of one fetch: the blocks in order and how many HTTP requests and calls it took. */
    record Result(List<BlockData> blocks, int httpRequests, int calls) {
    }

    Future<Result> fetch(long first, long last, boolean fullTransactions, boolean receipts, ReceiptSource source) {
        Batch batch = caller.batch();
        List<Future<Optional<Block>>> blocks = new ArrayList<>();
        List<Future<Optional<List<Receipt>>>> blockReceipts = new ArrayList<>();
        boolean byBlock = receipts && source == ReceiptSource.BLOCK;
        for (long n = first; n <= last; n++) {
            blocks.add(batch.add(EthCalls.getBlockByNumber(BlockId.number(n), fullTransactions)));
            if (byBlock) {
                blockReceipts.add(batch.add(EthCalls.getBlockReceipts(BlockId.number(n))));
            }
        }
        int calls = batch.size();
        Future<List<Block>> fetchedBlocks = batch.send()
                .compose(v -> Future.all(blocks))
                .compose(v -> Future.succeededFuture(present(blocks, first)));
        if (!receipts) {
            return fetchedBlocks.map(list -> new Result(list.stream().map(b -> new BlockData(b, List.of())).toList(), 1, calls));
        }
        if (byBlock) {
            return fetchedBlocks.compose(list -> Future.all(blockReceipts).map(v -> {
                List<BlockData> out = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    Optional<List<Receipt>> r = blockReceipts.get(i).result();
                    out.add(withReceipts(list.get(i), r.orElseThrow(() -> missing("eth_getBlockReceipts", first))));
                }
                return new Result(out, 1, calls);
            }));
        }
        return fetchedBlocks.compose(list -> transactionReceipts(list, calls));
    }

    private Future<Result> transactionReceipts(List<Block> blocks, int blockCalls) {
        Batch batch = caller.batch();
        List<List<Future<Optional<Receipt>>>> perBlock = new ArrayList<>();
        for (Block b : blocks) {
            List<Future<Optional<Receipt>>> futures = new ArrayList<>();
            for (Hash tx : b.transactionHashes()) {
                futures.add(batch.add(EthCalls.getTransactionReceipt(tx)));
            }
            perBlock.add(futures);
        }
        int calls = batch.size();
        Future<Void> sent = calls == 0 ? Future.succeededFuture() : batch.send();
        return sent.compose(v -> Future.all(perBlock.stream().flatMap(List::stream).toList())).map(v -> {
            List<BlockData> out = new ArrayList<>(blocks.size());
            for (int i = 0; i < blocks.size(); i++) {
                List<Receipt> receipts = new ArrayList<>();
                for (Future<Optional<Receipt>> f : perBlock.get(i)) {
                    receipts.add(f.result().orElseThrow(() -> missing("eth_getTransactionReceipt", blocks.get(0).number())));
                }
                out.add(withReceipts(blocks.get(i), receipts));
            }
            return new Result(out, calls == 0 ? 1 : 2, blockCalls + calls);
        });
    }

    private static List<Block> present(List<Future<Optional<Block>>> blocks, long first) {
        List<Block> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            long n = first + i;
            out.add(blocks.get(i).result().orElseThrow(() -> missing("eth_getBlockByNumber", n)));
        }
        return out;
    }

    private static BlockData withReceipts(Block block, List<Receipt> receipts) {
        if (receipts.size() != block.transactionHashes().size()) {
            // a node that is still indexing can answer short: worth a retry
            throw new MalformedResponseException("eth_getBlockReceipts", null, "block " + block.number() + " has "
                    + block.transactionHashes().size() + " transactions but " + receipts.size() + " receipts");
        }
        return new BlockData(block, receipts);
    }

    private static CrawlException missing(String method, long block) {
        return new CrawlException(method + ": the node does not know block " + block + " (or a receipt in it)", null);
    }
}
