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
import java.util.function.ToDoubleFunction;

/**
 * Decoded events against plain logs (not a test). Seeds a chain of blocks of ERC-20
 * {@code transfer} calls (the demo's token: one Transfer log each), then crawls it in many
 * short interleaved rounds three ways: {@code logs} alone (receipts), {@code logs} with
 * {@code erc20_transfers} (the same receipts, every log also decoded), and
 * {@code erc20_transfers} alone (eth_getLogs beside the headers). Every round crawls one span of
 * the chain all three ways, each way first in turn, and the spans step through the chain.
 *
 * <p>Per way it prints the median over rounds of blocks/s, of its ratio to the plain logs
 * crawl of the same round, of this JVM's CPU per block (the crawl is all that runs here, so
 * decoding shows as CPU even when wall time is noise from other processes) and of anvil's CPU
 * per block. The target is decoding within 10% of the plain logs crawl.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.EventCrawlBench -Dexec.args="--blocks 1000 --calls 50"</pre>
 *
 * Options: {@code --blocks N} (1000), {@code --calls N} token transfers per block (50),
 * {@code --span N} blocks crawled per round (200), {@code --rounds N} (15),
 * {@code --format jsonl|parquet|csv} (jsonl).
 */
public final class EventCrawlBench {
    private static final String PLAIN = "logs (receipts)";

    private EventCrawlBench() {
    }

    /** One crawl of one way in one round. */
    private record Pass(String way, int round, Measurement m) {
        double cpuMillisPerBlock() {
            return m.clientCpuNanos() / 1e6 / m.load().blocks();
        }

        double nodeCpuMillisPerBlock() {
            return m.nodeCpuNanos() / 1e6 / m.load().blocks();
        }
    }

    public static void main(String[] args) throws Exception {
        int blocks = 1000;
        int calls = 50;
        int span = 200;
        int rounds = 15;
        OutputFormat format = OutputFormat.JSONL;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--span" -> span = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--format" -> format = OutputFormat.parse(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0 || blocks < 10 || calls < 1 || rounds < 1 || span < 10 || span > blocks) {
            throw new IllegalArgumentException("usage: [--blocks N>=10] [--calls N>=1] [--span 10<=N<=blocks] [--rounds N>=1]"
                    + " [--format jsonl]");
        }
        run(blocks, calls, span, rounds, format);
    }

    private static void run(int blocks, int calls, int span, int rounds, OutputFormat format) throws Exception {
        Dataset erc20 = EventDatasets.builtIn(Set.of()).get(0);
        Map<String, List<Dataset>> ways = new LinkedHashMap<>();
        ways.put(PLAIN, List.of(Dataset.LOGS));
        ways.put("logs + erc20_transfers (receipts)", List.of(Dataset.LOGS, erc20));
        ways.put("erc20_transfers (eth_getLogs)", List.of(erc20));
        System.out.printf("event crawl bench: %d blocks x %d token transfers, %d rounds of %d blocks, %s, %d cores, JVM %s%n",
                blocks, calls, rounds, span, format.extension(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        // under target/: each crawl overwrites the files of the one before
        Path out = Path.of("target", "bench-events", "out");
        Vertx vertx = Vertx.vertx();
        try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target", "bench-events")))) {
            PhaseMeter meter = PhaseMeter.ofChildAnvil();
            HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
            RpcCaller caller = new RpcCaller(provider);
            long s0 = System.nanoTime();
            long head = new DemoChainSeeder(caller, chain.accounts()).seed(blocks, 0, calls)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
            System.out.printf("seeded up to block %d in %.1f s%n", head, (System.nanoTime() - s0) / 1e9);
            // warm-up: the JIT, not measured
            for (List<Dataset> d : ways.values()) {
                crawl(vertx, caller, out, 1, Math.min(head, span), d, format);
            }
            List<Pass> passes = new ArrayList<>();
            List<Map.Entry<String, List<Dataset>>> order = new ArrayList<>(ways.entrySet());
            long spans = Math.max(1, head / span);
            for (int r = 0; r < rounds; r++) {
                long[] roundRows = {-1};
                long first = 1 + (r % spans) * span;
                long last = Math.min(head, first + span - 1);
                // each way goes first in turn: the first crawl of a round ran slower in every round
                for (int w = 0; w < order.size(); w++) {
                    Map.Entry<String, List<Dataset>> way = order.get((w + r) % order.size());
                    CrawlSummary[] summary = new CrawlSummary[1];
                    Measurement m = meter.measure(way.getKey(), first + ":" + last, () -> {
                        summary[0] = crawl(vertx, caller, out, first, last, way.getValue(), format);
                        return new Load(summary[0].blocksFetched(), 0, 0, summary[0].calls(), summary[0].httpRequests(), 0);
                    });
                    checkRows(way.getKey(), summary[0], roundRows);
                    Pass p = new Pass(way.getKey(), r, m);
                    passes.add(p);
                    System.out.printf("  round %2d  %-34s blocks %d:%d %8.1f blocks/s  JVM CPU %6.2f ms/block  anvil CPU %6.2f ms/block%n",
                            r + 1, way.getKey(), first, last, m.blocksPerSecond(), p.cpuMillisPerBlock(),
                            p.nodeCpuMillisPerBlock());
                }
            }
            report(ways.keySet(), passes);
            provider.close();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Every dataset of every way of a round has the same rows, one per token transfer (the span's
     * first blocks may hold the token's deployment rather than transfers); {@code roundRows}
     * holds the round's count, -1 until its first crawl.
     */
    private static void checkRows(String way, CrawlSummary s, long[] roundRows) {
        s.rows().forEach((name, n) -> {
            if (roundRows[0] < 0) {
                roundRows[0] = n;
            }
            if (n != roundRows[0] || n == 0) {
                throw new IllegalStateException(way + ": " + n + " " + name + " rows, the round's other crawls " + roundRows[0]);
            }
        });
    }

    /** Medians over rounds; a way's ratios are taken against the plain crawl of the same round, then their median. */
    private static void report(Iterable<String> ways, List<Pass> passes) {
        Map<Integer, Pass> plain = new LinkedHashMap<>();
        passes.stream().filter(p -> p.way().equals(PLAIN)).forEach(p -> plain.put(p.round(), p));
        System.out.println("medians over rounds (ratios: against the plain logs crawl of the same round):");
        System.out.printf("  %-34s %10s %8s %14s %8s %16s %8s%n", "", "blocks/s", "ratio", "JVM CPU ms/blk", "ratio",
                "anvil CPU ms/blk", "ratio");
        for (String way : ways) {
            List<Pass> mine = passes.stream().filter(p -> p.way().equals(way)).toList();
            System.out.printf("  %-34s %10.1f %7.2fx %14.3f %7.2fx %16.3f %7.2fx%n", way,
                    median(mine, p -> p.m().blocksPerSecond()),
                    median(mine, p -> p.m().blocksPerSecond() / plain.get(p.round()).m().blocksPerSecond()),
                    median(mine, Pass::cpuMillisPerBlock),
                    median(mine, p -> p.cpuMillisPerBlock() / plain.get(p.round()).cpuMillisPerBlock()),
                    median(mine, Pass::nodeCpuMillisPerBlock),
                    median(mine, p -> p.nodeCpuMillisPerBlock() / plain.get(p.round()).nodeCpuMillisPerBlock()));
        }
    }

    private static double median(List<Pass> passes, ToDoubleFunction<Pass> f) {
        return Median.of(passes.stream().mapToDouble(f).toArray());
    }

    private static CrawlSummary crawl(Vertx vertx, RpcCaller caller, Path out, long first, long last,
                                      List<Dataset> datasets, OutputFormat format) throws Exception {
        CrawlOptions options = CrawlOptions.of(out, BlockRangeSpec.parse(first + ":" + last), new ArrayList<>(datasets), format)
                .withOverwrite(true)
                .withProgressEvery(Duration.ofHours(1));
        return new Crawler(vertx, caller, options, p -> { }).run().toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.MINUTES);
    }
}
