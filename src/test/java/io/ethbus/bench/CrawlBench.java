package io.ethbus.bench;

import io.ethbus.crawl.BlockRangeSpec;
import io.ethbus.crawl.CrawlOptions;
import io.ethbus.crawl.CrawlSummary;
import io.ethbus.crawl.Crawler;
import io.ethbus.crawl.Dataset;
import io.ethbus.crawl.OutputFormat;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Crawl throughput benchmark (not a test). Starts its own anvil, seeds blocks of value
 * transfers, then in one run fetches the same blocks with full transactions and receipts:
 * <ol>
 *   <li>with the ethbus {@link Crawler} (adaptive, writing files), which also records its batches;</li>
 *   <li>with the ethbus client alone (the recorded batches, typed decoding, no files);</li>
 *   <li>with web3j's batch API (the recorded batches), at several concurrencies, writing the
 *       same JSONL rows with Jackson (the same crawl done with web3j), and fetching only;</li>
 *   <li>as raw HTTP posts of the recorded batch bodies, answers unparsed: the node's ceiling.</li>
 * </ol>
 * and prints blocks/s, calls/s, client and node CPU per 1,000 calls, and the ratios the
 * crawl issue sets as targets.
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.CrawlBench -Dexec.args="--blocks 1000 --txs 100"</pre>
 *
 * Options: {@code --blocks N} (1000), {@code --txs N} per block (100), {@code --concurrency 4,8,16}
 * (settings tried for the fixed-concurrency loops), {@code --format jsonl|parquet|csv} of the crawl (jsonl),
 * {@code --repeat N} rounds of every client and setting, the best pass of each kept (2),
 * {@code --senders signed|impersonated}: transactions signed by anvil's dev accounts, which
 * anvil answers by recovering every sender on every read (about 17 ms of its CPU per block of
 * 100, so the node is the limit), or sent from impersonated accounts, which it answers without
 * (the node then costs about a third as much, and the clients' own CPU shows) (signed),
 * {@code --only clients}: after the crawl that records the batches, only the ethbus client and
 * web3j fetching only ({@value #CLIENT_WARM_PASSES} whole passes of each first, unmeasured), in turn,
 * each first in every other pass, and the median of their CPU
 * ratio per pair of passes (for the typed client's CPU against web3j without the rest's noise).
 */
public final class CrawlBench {
    /** Whole unmeasured passes of each client before {@code --only clients} measures. */
    private static final int CLIENT_WARM_PASSES = 3;
    private static final List<Dataset> DATASETS = List.of(Dataset.BLOCKS, Dataset.TRANSACTIONS, Dataset.RECEIPTS);

    private final int blocks;
    private final int txs;
    private final int[] settings;
    private final OutputFormat format;
    private final int repeat;
    private final boolean impersonated;
    private final boolean clientsOnly;

    private CrawlBench(int blocks, int txs, int[] settings, OutputFormat format, int repeat, boolean impersonated,
                       boolean clientsOnly) {
        this.blocks = blocks;
        this.txs = txs;
        this.settings = settings;
        this.format = format;
        this.repeat = repeat;
        this.impersonated = impersonated;
        this.clientsOnly = clientsOnly;
    }

    public static void main(String[] args) throws Exception {
        int blocks = 1000;
        int txs = 100;
        int[] settings = {4, 8, 16};
        OutputFormat format = OutputFormat.JSONL;
        int repeat = 2;
        boolean impersonated = false;
        boolean clientsOnly = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
                case "--txs" -> txs = Integer.parseInt(args[i + 1]);
                case "--concurrency" -> settings = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--format" -> format = OutputFormat.parse(args[i + 1]);
                case "--repeat" -> repeat = Integer.parseInt(args[i + 1]);
                case "--senders" -> impersonated = switch (args[i + 1]) {
                    case "signed" -> false;
                    case "impersonated" -> true;
                    default -> throw new IllegalArgumentException("--senders signed|impersonated");
                };
                case "--only" -> clientsOnly = switch (args[i + 1]) {
                    case "clients" -> true;
                    default -> throw new IllegalArgumentException("--only clients");
                };
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0 || blocks < 10 || txs < 1 || repeat < 1) {
            throw new IllegalArgumentException("usage: [--blocks N>=10] [--txs N>=1] [--concurrency 4,8,16] [--format jsonl] [--repeat N]"
                    + " [--senders signed|impersonated] [--only clients]");
        }
        new CrawlBench(blocks, txs, settings, format, repeat, impersonated, clientsOnly).run();
    }

    private void run() throws Exception {
        System.out.printf("crawl bench: %d blocks x %d transactions from %s senders, %d cores, JVM %s%n",
                blocks, txs, impersonated ? "impersonated" : "signing", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target", "bench-crawl")))) {
            PhaseMeter meter = PhaseMeter.ofChildAnvil();
            BenchChainSeeder seeder = new BenchChainSeeder(chain.httpUrl(), chain.accounts());
            long s0 = System.nanoTime();
            seeder.seed(blocks, txs, impersonated);
            double seedSeconds = (System.nanoTime() - s0) / 1e9;
            long onChain = seeder.verify(1, blocks, txs);
            System.out.printf("seeded %d transactions in %d blocks in %.1f s (%.0f tx/s); the node counts %d%n",
                    (long) blocks * txs, blocks, seedSeconds, blocks * (double) txs / seedSeconds, onChain);

            Vertx vertx = Vertx.vertx();
            Path out = Files.createTempDirectory("ethbus-crawl-bench");
            try {
                measure(vertx, chain, meter, out);
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                deleteTree(out);
            }
        }
    }

    private void measure(Vertx vertx, DevChain chain, PhaseMeter meter, Path out) throws Exception {
        String url = chain.httpUrl();
        long expectedTxs = (long) blocks * txs;
        System.out.println("warming up every client on the first blocks (JIT), not measured");
        long warmLast = Math.max(2, blocks / 5);
        crawl(vertx, url, out.resolve("warm"), "1:" + warmLast, null);

        // The first crawl records the batches that every other client replays.
        RecordingTransport[] transport = new RecordingTransport[1];
        List<Measurement> crawls = new ArrayList<>();
        crawls.add(crawlPass(vertx, meter, url, out, transport, expectedTxs));
        List<List<RpcRequest>> recorded = transport[0].batches();
        List<BlockRun> runs = BlockRun.of(recorded);
        long calls = recorded.stream().mapToLong(List::size).sum();
        System.out.printf("the crawl's batches: %d batches, %d calls, %.1f blocks per batch on average%n",
                runs.size(), calls, blocks / (double) runs.size());
        List<BlockRun> warmRuns = runs.subList(0, Math.max(1, runs.size() / 5));

        EthbusBatchLoad ethbus = new EthbusBatchLoad(vertx, url);
        Web3jLoad web3j = new Web3jLoad(url, null);
        Path web3jOut = Files.createDirectories(out.resolve("web3j"));
        Web3jLoad web3jCrawl = new Web3jLoad(url, new Web3jJsonlFiles(web3jOut));
        RawHttpLoad raw = new RawHttpLoad(vertx, chain.port());
        List<Buffer> bodies = RawHttpLoad.bodies(recorded);
        ethbus.run(warmRuns, 4);
        web3j.run(warmRuns, 4);
        if (clientsOnly) {
            clientsOnly(meter, ethbus, web3j, runs, expectedTxs);
            return;
        }
        web3jCrawl.run(warmRuns, 4);
        raw.run(bodies.subList(0, warmRuns.size()), 0, 0, 4);

        // Rounds interleave the clients, so that load from other processes on the machine
        // falls on all of them alike; the best pass of each is kept.
        List<Measurement> clients = new ArrayList<>();
        List<Measurement> web3js = new ArrayList<>();
        List<Measurement> web3jCrawls = new ArrayList<>();
        List<Measurement> ceilings = new ArrayList<>();
        for (int round = 1; round <= repeat; round++) {
            for (int n : settings) {
                // as many crawl passes as passes of each client, for a fair "least CPU"
                if (round > 1 || n != settings[0]) {
                    crawls.add(crawlPass(vertx, meter, url, out, null, expectedTxs));
                }
                Measurement c = meter.measure("raw HTTP (ceiling)", n + " in flight", () -> raw.run(bodies, blocks, calls, n));
                System.out.println(c.line());
                ceilings.add(c);
                Measurement e = meter.measure("ethbus client (no files)", n + " in flight", () -> ethbus.run(runs, n));
                check(e, expectedTxs);
                System.out.println(e.line());
                clients.add(e);
                Measurement w = meter.measure("web3j 4.13.0", n + " in flight", () -> web3j.run(runs, n));
                check(w, expectedTxs);
                System.out.println(w.line());
                web3js.add(w);
                Measurement wc = meter.measure("web3j 4.13.0 crawl (jsonl)", n + " in flight", () -> web3jCrawl.run(runs, n));
                check(wc, expectedTxs);
                System.out.println(wc.line());
                web3jCrawls.add(wc);
            }
        }
        if (format == OutputFormat.JSONL) {
            sameRows(out.resolve("run"), web3jOut);
        }
        report(best(crawls), best(clients), best(web3jCrawls), best(web3js), best(ceilings),
                leastCpu(crawls), leastCpu(clients), leastCpu(web3jCrawls), leastCpu(web3js));
    }

    /** The typed ethbus client and web3j fetching only, alternately first; medians of their per-pair CPU ratio. */
    private void clientsOnly(PhaseMeter meter, EthbusBatchLoad ethbus, Web3jLoad web3j, List<BlockRun> runs,
                             long expectedTxs) throws Exception {
        // A fifth of the batches once leaves both JITs compiling through the first pairs (their
        // CPU per call fell by a third from pass to pass): whole passes of each first, unmeasured.
        System.out.printf("warming up both clients on %d whole passes each (JIT), not measured%n", CLIENT_WARM_PASSES);
        for (int i = 0; i < CLIENT_WARM_PASSES; i++) {
            check(meter.measure("ethbus client (warm-up)", "", () -> ethbus.run(runs, settings[0])), expectedTxs);
            check(meter.measure("web3j 4.13.0 (warm-up)", "", () -> web3j.run(runs, settings[0])), expectedTxs);
        }
        List<Measurement> clients = new ArrayList<>();
        List<Measurement> web3js = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        List<Double> rateRatios = new ArrayList<>();
        int pair = 0;
        for (int round = 1; round <= repeat; round++) {
            for (int n : settings) {
                Measurement e = null;
                Measurement w = null;
                for (int k = 0; k < 2; k++) {
                    if ((k + pair) % 2 == 0) {
                        e = meter.measure("ethbus client (no files)", n + " in flight", () -> ethbus.run(runs, n));
                        check(e, expectedTxs);
                        System.out.println(e.line());
                    } else {
                        w = meter.measure("web3j 4.13.0", n + " in flight", () -> web3j.run(runs, n));
                        check(w, expectedTxs);
                        System.out.println(w.line());
                    }
                }
                pair++;
                clients.add(e);
                web3js.add(w);
                cpuRatios.add(e.cpuPerThousandCalls() / w.cpuPerThousandCalls());
                rateRatios.add(e.blocksPerSecond() / w.blocksPerSecond());
            }
        }
        System.out.println();
        System.out.printf("%d pairs; client CPU s per 1,000 calls, median (least): ethbus client %.3f (%.3f), web3j fetching only"
                        + " %.3f (%.3f)%n", cpuRatios.size(), median(clients.stream().map(Measurement::cpuPerThousandCalls).toList()),
                leastCpu(clients), median(web3js.stream().map(Measurement::cpuPerThousandCalls).toList()), leastCpu(web3js));
        target("ethbus client / web3j, client CPU per call (median of pairs)", median(cpuRatios), 1.0, false);
        target("ethbus client / web3j, client CPU per call (least of each)", leastCpu(clients) / leastCpu(web3js), 1.0, false);
        System.out.printf("  %-44s %6.2f%n", "ethbus client / web3j, blocks/s (median of pairs)", median(rateRatios));
    }

    private static double median(List<Double> values) {
        return Median.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private Measurement crawlPass(Vertx vertx, PhaseMeter meter, String url, Path out, RecordingTransport[] transport,
                                  long expectedTxs) throws Exception {
        Measurement m = meter.measure("ethbus crawl (" + format.extension() + ")", "auto", () -> {
            CrawlSummary s = crawl(vertx, url, out.resolve("run"), "1:" + blocks, transport);
            System.out.printf("the crawl ended at %d batches in flight, %d blocks per batch, %d retries, %d hedges%n",
                    s.finalConcurrency(), s.finalBatchSize(), s.retries(), s.hedges());
            return new Load(s.blocksFetched(), s.rows().get("transactions"), s.rows().get("receipts"),
                    s.calls(), s.httpRequests(), 0);
        });
        check(m, expectedTxs);
        System.out.println(m.line());
        return m;
    }

    /** The two crawls wrote the same lines, per dataset (their files split the blocks differently). */
    private static void sameRows(Path ethbus, Path web3j) throws IOException {
        for (Dataset d : DATASETS) {
            List<String> a = lines(ethbus, d);
            List<String> b = lines(web3j, d);
            if (!a.equals(b)) {
                throw new IllegalStateException(d.wireName() + ": the ethbus crawl wrote " + a.size()
                        + " lines, the web3j crawl " + b.size() + ", not the same");
            }
            System.out.printf("%s: both crawls wrote the same %d lines%n", d.wireName(), a.size());
        }
    }

    private static List<String> lines(Path dir, Dataset d) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(d.wireName() + "__")).toList()) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        lines.sort(Comparator.naturalOrder());
        return lines;
    }

    private static Measurement best(List<Measurement> ms) {
        return ms.stream().max(Comparator.comparingDouble(Measurement::blocksPerSecond)).orElseThrow();
    }

    private static double leastCpu(List<Measurement> ms) {
        return ms.stream().mapToDouble(Measurement::cpuPerThousandCalls).min().orElseThrow();
    }

    private static void check(Measurement m, long expectedTxs) {
        if (m.load().transactions() != expectedTxs || (m.load().receipts() != expectedTxs)) {
            throw new IllegalStateException(m.client() + " fetched " + m.load().transactions() + " transactions and "
                    + m.load().receipts() + " receipts, expected " + expectedTxs);
        }
    }

    private void report(Measurement crawl, Measurement client, Measurement web3jCrawl, Measurement web3j, Measurement ceiling,
                        double crawlCpu, double clientCpu, double web3jCrawlCpu, double web3jCpu) {
        System.out.println();
        System.out.println("best of each (blocks/s):");
        for (Measurement m : List.of(crawl, client, web3jCrawl, web3j, ceiling)) {
            System.out.println("  " + m.line());
        }
        System.out.println("client CPU = CPU of this whole JVM during the pass (only the client under test runs;"
                + " GC and JIT included); node CPU = anvil's process CPU; both per 1,000 JSON-RPC calls");
        System.out.printf("least client CPU of any pass, s per 1,000 calls: ethbus crawl %.3f, web3j crawl %.3f,"
                + " ethbus client %.3f, web3j fetching only %.3f%n", crawlCpu, web3jCrawlCpu, clientCpu, web3jCpu);
        System.out.println("the crawl (fetch, rows, JSONL files)" + (format == OutputFormat.JSONL ? ":" : "; ethbus writes "
                + format.extension() + ", web3j JSONL:"));
        target("ethbus crawl / web3j crawl, blocks/s", crawl.blocksPerSecond() / web3jCrawl.blocksPerSecond(), 2.0, true);
        target("ethbus crawl / ceiling, blocks/s", crawl.blocksPerSecond() / ceiling.blocksPerSecond(), 0.85, true);
        target("ethbus crawl / web3j crawl, client CPU per call", crawlCpu / web3jCrawlCpu, 0.5, false);
        System.out.println("fetching and decoding only, no files:");
        target("ethbus client / web3j, blocks/s", client.blocksPerSecond() / web3j.blocksPerSecond(), 2.0, true);
        target("ethbus client / ceiling, blocks/s", client.blocksPerSecond() / ceiling.blocksPerSecond(), 0.85, true);
        target("ethbus client / web3j, client CPU per call", clientCpu / web3jCpu, 0.5, false);
    }

    private static void target(String what, double ratio, double goal, boolean atLeast) {
        boolean met = atLeast ? ratio >= goal : ratio <= goal;
        System.out.printf("  %-60s %6.2f  (target %s %.2f: %s)%n", what, ratio, atLeast ? ">=" : "<=", goal,
                met ? "met" : "NOT met");
    }

    private CrawlSummary crawl(Vertx vertx, String url, Path dir, String range, RecordingTransport[] recorder)
            throws Exception {
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(url));
        try {
            RecordingTransport transport = new RecordingTransport(provider);
            if (recorder != null) {
                recorder[0] = transport;
            }
            CrawlOptions options = CrawlOptions.of(dir, BlockRangeSpec.parse(range), DATASETS, format)
                    .withOverwrite(true)
                    .withProgressEvery(Duration.ofHours(1));
            return new Crawler(vertx, new RpcCaller(transport), options, p -> { })
                    .run().toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
        } finally {
            provider.close();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
