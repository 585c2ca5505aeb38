package io.ethbus.bench;

import io.ethbus.eth.Block;
import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.eth.Receipt;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.Batch;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ethbus client without the crawler: the same batches through {@link RpcCaller} and
 * {@link HttpProvider}, decoded into ethbus's typed blocks and receipts, and nothing written.
 * This is the crawl with file writing taken out, work for work like the web3j baseline.
 */
final class EthbusBatchLoad {
    private final Vertx vertx;
    private final String url;

    EthbusBatchLoad(Vertx vertx, String url) {
        this.vertx = vertx;
        this.url = url;
    }

    Load run(List<BlockRun> runs, int concurrency) throws Exception {
        // many batches queued on a node that serves each one serially can wait longer than the
        // 30 s default; this loop has no retries, like the web3j one (60 s read timeout)
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.builder(url)
                .requestTimeout(Duration.ofSeconds(60)).build());
        RpcCaller caller = new RpcCaller(provider);
        AtomicLong txs = new AtomicLong();
        AtomicLong receipts = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        try {
            InFlightLoop.run(vertx, runs.size(), concurrency, i -> fetch(caller, runs.get(i), txs, receipts, calls))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } finally {
            provider.close();
        }
        long blocks = runs.stream().mapToLong(BlockRun::size).sum();
        return new Load(blocks, txs.get(), receipts.get(), calls.get(), runs.size(), 0);
    }

    private static Future<?> fetch(RpcCaller caller, BlockRun run, AtomicLong txs, AtomicLong receipts, AtomicLong calls) {
        Batch batch = caller.batch();
        List<Future<Optional<Block>>> blocks = new ArrayList<>();
        List<Future<Optional<List<Receipt>>>> blockReceipts = new ArrayList<>();
        for (long n = run.first(); n <= run.last(); n++) {
            blocks.add(batch.add(EthCalls.getBlockByNumber(BlockId.number(n), true)));
            blockReceipts.add(batch.add(EthCalls.getBlockReceipts(BlockId.number(n))));
        }
        calls.addAndGet(batch.size());
        return batch.send().compose(v -> Future.all(blocks).compose(w -> Future.all(blockReceipts))).map(v -> {
            for (Future<Optional<Block>> b : blocks) {
                txs.addAndGet(b.result().orElseThrow().transactions().size());
            }
            for (Future<Optional<List<Receipt>>> r : blockReceipts) {
                receipts.addAndGet(r.result().orElseThrow().size());
            }
            return null;
        });
    }
}
