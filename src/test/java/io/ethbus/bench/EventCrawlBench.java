package io.ethbus.bench;

import io.ethbus.crawl.BlockRangeSpec;
import io.ethbus.crawl.CrawlOptions;
import io.ethbus.crawl.CrawlSummary;
import io.ethbus.crawl.Crawler;
import io.ethbus.crawl.Dataset;
import io.ethbus.crawl.EventDatasets;
import io.ethbus.crawl.OutputFormat;
import io.ethbus.devchain.DemoChainSeeder;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Decoded events against plain logs (not a test). Seeds a chain of blocks of ERC-20
 * {@code transfer} calls (the demo's token: one Transfer log each), then crawls it in
 * interleaved rounds three ways: {@code logs} alone (receipts), {@code logs} with
 * {@code erc20_transfers} (the same receipts, every log also decoded), and
 * {@code erc20_transfers} alone (eth_getLogs beside the headers), each first in turn. Prints the
 * best blocks/s of each and their ratios to the plain logs crawl; the target is decoding
 * within 10% of it.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.EventCrawlBench -Dexec.args="--blocks 1000 --calls 50"</pre>
 *
 * Options: {@code --blocks N} (1000), {@code --calls N} token transfers per block (50),
 * {@code --rounds N} (3), {@code --format jsonl|parquet|csv} (jsonl).
 */
public final class EventCrawlBench {
    private EventCrawlBench() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = 1000;
        int calls = 50;
        int rounds = 3;
        OutputFormat format = OutputFormat.JSONL;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--format" -> format = OutputFormat.parse(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0 || blocks < 10 || calls < 1 || rounds < 1) {
            throw new IllegalArgumentException("usage: [--blocks N>=10] [--calls N>=1] [--rounds N>=1] [--format jsonl]");
        }
        Dataset erc20 = EventDatasets.builtIn(Set.of()).get(0);
        Map<String, List<Dataset>> ways = new LinkedHashMap<>();
        ways.put("logs (receipts)", List.of(Dataset.LOGS));
        ways.put("logs + erc20_transfers (receipts)", List.of(Dataset.LOGS, erc20));
        ways.put("erc20_transfers (eth_getLogs)", List.of(erc20));
        System.out.printf("event crawl bench: %d blocks x %d token transfers, %d rounds, %s, %d cores, JVM %s%n",
                blocks, calls, rounds, format.extension(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        // under target/: each crawl overwrites the files of the one before
        Path out = Path.of("target", "bench-events", "out");
        Vertx vertx = Vertx.vertx();
        try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target", "bench-events")))) {
            HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
            RpcCaller caller = new RpcCaller(provider);
            long s0 = System.nanoTime();
            long head = new DemoChainSeeder(caller, chain.accounts()).seed(blocks, 0, calls)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
            System.out.printf("seeded up to block %d in %.1f s%n", head, (System.nanoTime() - s0) / 1e9);
            String range = "1:" + head;
            // warm-up: the JIT, not measured
            for (List<Dataset> d : ways.values()) {
                crawl(vertx, caller, out, "1:" + Math.min(head, 50), d, format);
            }
            Map<String, Double> best = new LinkedHashMap<>();
            Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
            List<Map.Entry<String, List<Dataset>>> order = new ArrayList<>(ways.entrySet());
            for (int r = 0; r < rounds; r++) {
                // each way goes first in some round: the first crawl of a round ran slower in every round
                for (int w = 0; w < order.size(); w++) {
                    Map.Entry<String, List<Dataset>> way = order.get((w + r) % order.size());
                    CrawlSummary s = crawl(vertx, caller, out, range, way.getValue(), format);
                    System.out.printf("  round %d  %-34s %8.1f blocks/s  %,d calls  rows %s%n", r + 1, way.getKey(),
                            s.blocksPerSecond(), s.calls(), s.rows());
                    best.merge(way.getKey(), s.blocksPerSecond(), Math::max);
                    rows.put(way.getKey(), s.rows());
                }
            }
            long expected = (long) blocks * calls;
            for (Map.Entry<String, Map<String, Long>> e : rows.entrySet()) {
                e.getValue().forEach((name, n) -> {
                    if (n != expected) {
                        throw new IllegalStateException(e.getKey() + ": " + n + " " + name + " rows, expected " + expected);
                    }
                });
            }
            double plain = best.get("logs (receipts)");
            System.out.println("best of each:");
            best.forEach((way, bps) -> System.out.printf("  %-34s %8.1f blocks/s  %.2fx the plain logs crawl%n", way, bps,
                    bps / plain));
            provider.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static CrawlSummary crawl(Vertx vertx, RpcCaller caller, Path out, String range, List<Dataset> datasets,
                                      OutputFormat format) throws Exception {
        CrawlOptions options = CrawlOptions.of(out, BlockRangeSpec.parse(range), new ArrayList<>(datasets), format)
                .withOverwrite(true)
                .withProgressEvery(Duration.ofHours(1));
        return new Crawler(vertx, caller, options, p -> { }).run().toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.MINUTES);
    }
}
