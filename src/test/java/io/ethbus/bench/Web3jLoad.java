package io.ethbus.bench;

import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetBlockReceipts;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: the same batches (eth_getBlockByNumber with full transactions plus
 * eth_getBlockReceipts per block) through web3j's batch API over its OkHttp HttpService,
 * {@code concurrency} batches in flight from a fixed thread pool. Answers are decoded into
 * web3j's typed objects, as an application using web3j would get them; with {@code files},
 * each batch's rows are then written as the crawl writes them (the same crawl done with web3j).
 */
final class Web3jLoad {
    private final String url;
    /** Null for fetching only. */
    private final Web3jJsonlFiles files;

    Web3jLoad(String url, Web3jJsonlFiles files) {
        this.url = url;
        this.files = files;
    }

    Load run(List<BlockRun> runs, int concurrency) throws Exception {
        // a pool as large as the concurrency, so that OkHttp does not close and reopen connections
        OkHttpClient okHttp = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(concurrency, 5, TimeUnit.MINUTES))
                .readTimeout(60, TimeUnit.SECONDS)
                .build();
        Web3j web3j = Web3j.build(new HttpService(url, okHttp));
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<Load>> results = new ArrayList<>(runs.size());
            for (BlockRun run : runs) {
                results.add(pool.submit(() -> fetch(web3j, run, files)));
            }
            long blocks = 0, txs = 0, receipts = 0, calls = 0;
            for (Future<Load> f : results) {
                Load l = f.get();
                blocks += l.blocks();
                txs += l.transactions();
                receipts += l.receipts();
                calls += l.calls();
            }
            return new Load(blocks, txs, receipts, calls, runs.size(), 0);
        } finally {
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            web3j.shutdown();
            okHttp.dispatcher().executorService().shutdown();
            okHttp.connectionPool().evictAll();
        }
    }

    private static Load fetch(Web3j web3j, BlockRun run, Web3jJsonlFiles files) throws Exception {
        BatchRequest batch = web3j.newBatch();
        for (long n = run.first(); n <= run.last(); n++) {
            DefaultBlockParameter block = DefaultBlockParameter.valueOf(BigInteger.valueOf(n));
            batch.add(web3j.ethGetBlockByNumber(block, true));
            batch.add(web3j.ethGetBlockReceipts(block));
        }
        BatchResponse answer = batch.send();
        long txs = 0, receipts = 0;
        List<EthBlock.Block> blocks = new ArrayList<>(run.size());
        List<List<TransactionReceipt>> receiptLists = new ArrayList<>(run.size());
        for (Response<?> r : answer.getResponses()) {
            if (r.hasError()) {
                throw new IllegalStateException("web3j call failed: " + r.getError().getMessage());
            }
            if (r instanceof EthBlock b) {
                blocks.add(b.getBlock());
                txs += b.getBlock().getTransactions().size();
            } else if (r instanceof EthGetBlockReceipts br) {
                receiptLists.add(br.getBlockReceipts().orElseThrow());
                receipts += receiptLists.get(receiptLists.size() - 1).size();
            }
        }
        if (files != null) {
            files.write(run, blocks, receiptLists);
        }
        return new Load(run.size(), txs, receipts, answer.getResponses().size(), 1, 0);
    }
}
