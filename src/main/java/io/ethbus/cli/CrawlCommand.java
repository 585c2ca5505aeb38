package io.ethbus.cli;

import io.ethbus.cluster.ClusterChunkLedger;
import io.ethbus.cluster.ClusterMember;
import io.ethbus.cluster.ClusterOptions;
import io.ethbus.cluster.ClusteredVertx;
import io.ethbus.crawl.BlockRange;
import io.ethbus.crawl.ChunkLedger;
import io.ethbus.crawl.ChunkSink;
import io.ethbus.crawl.FileChunkSink;
import io.ethbus.crawl.BlockRangeSpec;
import io.ethbus.crawl.Chunk;
import io.ethbus.crawl.ChunkFates;
import io.ethbus.crawl.ChunkPlan;
import io.ethbus.crawl.Column;
import io.ethbus.crawl.CrawlConfigException;
import io.ethbus.crawl.TraceApi;
import io.ethbus.crawl.CrawlOptions;
import io.ethbus.crawl.CrawlProgress;
import io.ethbus.crawl.CrawlSummary;
import io.ethbus.crawl.Crawler;
import io.ethbus.crawl.Dataset;
import io.ethbus.crawl.EventDatasets;
import io.ethbus.devchain.DemoChainSeeder;
import io.ethbus.crawl.OutputFormat;
import io.ethbus.crawl.ReceiptSource;
import io.ethbus.crawl.StoredChunks;
import io.ethbus.crawl.postgres.DatabasePlan;
import io.ethbus.crawl.postgres.PostgresChunkSink;
import io.ethbus.crawl.postgres.PostgresConnector;
import io.ethbus.crawl.postgres.PostgresUrl;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.eth.EthCalls;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code ethbus crawl}: extracts blocks, transactions, receipts and logs over a block range
 * into chunk files. Without {@code --rpc} it starts the embedded dev chain, seeds a demo
 * history and crawls that.
 */
@Command(name = "crawl",
        mixinStandardHelpOptions = true,
        description = {"Extracts blocks, transactions, receipts and logs over a block range into files,",
                "one file per chunk and dataset. Without --rpc it starts a dev chain, seeds a demo",
                "history and crawls it:",
                "  ethbus crawl --out ./ethbus-out",
                "  ethbus crawl --rpc http://127.0.0.1:8545 --blocks latest-999: --format csv",
                "  ethbus crawl --rpc http://127.0.0.1:8545 --datasets erc20_transfers --event \"Approval(address indexed owner, "
                        + "address indexed spender, uint256 value)\""})
public final class CrawlCommand implements Callable<Integer> {
    /** Blocks the demo chain gets after its contract deployment block. */
    static final int DEFAULT_DEMO_BLOCKS = 300;

    @Spec
    CommandSpec spec;

    /** Counted down once the command has printed its summary (or failed): a Ctrl-C waits for it. */
    private final CountDownLatch done = new CountDownLatch(1);

    /** {@code --trace-api} read, or null to use the API the node is found to have. */
    private TraceApi forcedTraceApi;

    @Option(names = "--rpc", paramLabel = "URL",
            description = "node HTTP endpoint; without it a seeded demo dev chain is started")
    String rpc;

    @Option(names = "--blocks", paramLabel = "RANGE", defaultValue = "0:",
            description = "A:B (inclusive), A: (to the head) or latest-N: (default: ${DEFAULT-VALUE})")
    String blocks;

    @Option(names = "--datasets", paramLabel = "LIST",
            description = "comma-separated: blocks, transactions, receipts, logs, traces, contracts, native_transfers, erc20_transfers, erc721_transfers, "
                    + "erc1155_transfers (default: blocks,transactions,receipts,logs; with --event or --abi: their datasets only)")
    String datasets;

    @Option(names = "--event", paramLabel = "SIGNATURE",
            description = "a dataset events_<name> of this event's decoded logs, e.g. "
                    + "\"Transfer(address indexed from, address indexed to, uint256 value)\" (repeatable)")
    List<String> events = new ArrayList<>();

    @Option(names = "--abi", paramLabel = "FILE",
            description = "a dataset per event of this JSON ABI or compiler artifact (repeatable)")
    List<Path> abiFiles = new ArrayList<>();

    @Option(names = "--contract", paramLabel = "ADDR,...",
            description = "decode events only of logs from these contracts")
    String contracts;

    @Option(names = "--trace-api", paramLabel = "debug|trace",
            description = "for traces, contracts, native_transfers: debug_traceBlockByNumber (callTracer) or trace_block (default: the one the node has)")
    String traceApi;

    @Option(names = "--out", paramLabel = "DIR|URL", defaultValue = "ethbus-out",
            description = "output directory, or a database postgresql://user@host:port/db (password from PGPASSWORD "
                    + "or ~/.pgpass) (default: ${DEFAULT-VALUE})")
    String out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "parquet",
            description = "parquet, csv or jsonl (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--chunk-size", paramLabel = "N", defaultValue = "1000",
            description = "blocks per file (default: ${DEFAULT-VALUE})")
    int chunkSize;

    @Option(names = "--concurrency", paramLabel = "N|auto", defaultValue = "auto",
            description = "batches in flight; auto adapts to the node (default: ${DEFAULT-VALUE})")
    String concurrency;

    @Option(names = "--batch-size", paramLabel = "N|auto", defaultValue = "auto",
            description = "blocks per batch; auto adapts to the node (default: ${DEFAULT-VALUE})")
    String batchSize;

    @Option(names = "--max-rps", paramLabel = "N", description = "JSON-RPC calls per second at most")
    Double maxRps;

    @Option(names = "--receipts", paramLabel = "block|transaction", defaultValue = "block",
            description = "eth_getBlockReceipts per block (falls back when missing) or eth_getTransactionReceipt per transaction (default: ${DEFAULT-VALUE})")
    String receipts;

    @Option(names = "--follow",
            description = "after the range, keep crawling new blocks, --reorg-buffer behind the head, until interrupted (Ctrl-C)")
    boolean follow;

    @Option(names = "--reorg-buffer", paramLabel = "N", defaultValue = "" + CrawlOptions.DEFAULT_REORG_BUFFER,
            description = "with --follow: blocks to stay behind the head, so that a reorg no deeper never reaches the files (default: ${DEFAULT-VALUE})")
    int reorgBuffer;

    @Option(names = "--cluster",
            description = "share the work with every crawl member of the Hazelcast cluster (conf/cluster.xml) on the same --out: "
                    + "chunks are claimed through the cluster, a dead member's chunks taken over; needs --rpc")
    boolean cluster;

    @Option(names = "--lease-seconds", paramLabel = "N", defaultValue = "10", hidden = true,
            description = "with --cluster: how long a dead member's claim on a chunk lasts (default: ${DEFAULT-VALUE})")
    int leaseSeconds;

    @Option(names = "--overwrite", description = "redo chunks whose files exist")
    boolean overwrite;

    @Option(names = "--dry", description = "print the plan (chunks, datasets, schema) and exit")
    boolean dry;

    @Option(names = "--demo-blocks", paramLabel = "N", defaultValue = "" + DEFAULT_DEMO_BLOCKS,
            description = "without --rpc: blocks of demo history to seed (default: ${DEFAULT-VALUE})")
    int demoBlocks;

    @Override
    public Integer call() throws Exception {
        CrawlOptions options;
        ChunkSink sink;
        try {
            options = options();
            forcedTraceApi = traceApi == null ? null : TraceApi.parse(traceApi);
            sink = sink(options);
        } catch (CrawlConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            if (dry) {
                // a dry run starts nothing: the demo chain is planned at its expected head (the
                // contract's block plus the seeded ones; anvil may add a block or two)
                long head = rpc == null ? demoBlocks + 1L : withVertx(vertx -> headOf(vertx, rpc));
                printPlan(options, sink, options.blocks().resolve(head));
                return CommandLine.ExitCode.OK;
            }
            CrawlSummary summary;
            if (cluster) {
                summary = crawlInCluster(options, sink);
            } else if (rpc != null) {
                summary = withVertx(vertx -> crawlWith(vertx, new HttpProvider(vertx, crawlNode(rpc)), options, sink, null));
            } else {
                summary = crawlDemo(options, sink);
            }
            printSummary(options, sink, summary);
            return CommandLine.ExitCode.OK;
        } catch (CrawlConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } finally {
            done.countDown();
        }
    }

    private CrawlOptions options() {
        if (rpc != null) {
            RpcUrlOption.parse(spec, rpc);
        }
        if (cluster && rpc == null) {
            throw new CrawlConfigException("--cluster needs --rpc: every member crawls the same node");
        }
        if (cluster && overwrite) {
            // files are the cluster's record of what is done: members could not tell a chunk redone from one to redo
            throw new CrawlConfigException("--overwrite does not go with --cluster: delete the files to redo instead");
        }
        if (leaseSeconds < 1) {
            throw new CrawlConfigException("--lease-seconds must be positive, got " + leaseSeconds);
        }
        if (demoBlocks < 1) {
            throw new CrawlConfigException("--demo-blocks must be positive, got " + demoBlocks);
        }
        ReceiptSource source = switch (receipts.toLowerCase(Locale.ROOT)) {
            case "block" -> ReceiptSource.BLOCK;
            case "transaction" -> ReceiptSource.TRANSACTION;
            default -> throw new CrawlConfigException("--receipts must be block or transaction, got " + receipts);
        };
        // a database crawl has no directory: the default one stands in, unused
        Path dir = Path.of(PostgresUrl.isDatabase(out) ? "ethbus-out" : out).toAbsolutePath().normalize();
        return CrawlOptions.of(dir, BlockRangeSpec.parse(blocks),
                        datasets(), OutputFormat.parse(format))
                .withChunkSize(chunkSize)
                .withConcurrency(autoOrCount("--concurrency", concurrency))
                .withBatchSize(autoOrCount("--batch-size", batchSize))
                .withMaxRps(maxRps)
                .withOverwrite(overwrite)
                .withReceiptSource(source)
                .withProgressEvery(terminal() ? CrawlProgressBar.every() : Duration.ofSeconds(2))
                .withFollow(follow, reorgBuffer, CrawlOptions.DEFAULT_POLL_EVERY);
    }

    /** A database when {@code --out} is a postgresql:// URL, else the files of the output directory. */
    private ChunkSink sink(CrawlOptions options) {
        return PostgresUrl.isDatabase(out) ? new PostgresChunkSink(PostgresConnector.of(PostgresUrl.parse(out)))
                : new FileChunkSink(options.outDir(), options.format());
    }

    /** The datasets asked for: --datasets (built-ins and built-in event datasets), then those of --event and --abi. */
    private List<Dataset> datasets() {
        Set<String> only = EventDatasets.contracts(contracts);
        List<Dataset> given = EventDatasets.of(events, abiFiles, only);
        List<Dataset> asked = new ArrayList<>();
        if (datasets != null) {
            asked.addAll(Dataset.parseList(datasets, EventDatasets.builtIn(only)));
        } else if (given.isEmpty()) {
            // traces need a trace API and cost far more per block: asked for by name only
            asked.addAll(Dataset.parseList("blocks,transactions,receipts,logs"));
        }
        asked.addAll(given);
        if (contracts != null && asked.stream().noneMatch(d -> d.decoder() != null)) {
            throw new CrawlConfigException("--contract restricts decoded events: give --event, --abi or an event dataset in --datasets");
        }
        return asked;
    }

    private static Integer autoOrCount(String option, String value) {
        if (value.equalsIgnoreCase("auto")) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new CrawlConfigException(option + " must be a number or auto, got '" + value + "'");
        }
    }

    private CrawlSummary crawlDemo(CrawlOptions options, ChunkSink sink) throws IOException {
        Path workDir = Files.createTempDirectory("ethbus-devchain-");
        PrintWriter err = spec.commandLine().getErr();
        try (DevChain chain = DevChain.start(DevChainOptions.in(workDir))) {
            err.println("ethbus crawl: started a dev chain on " + chain.httpUrl() + "; seeding " + demoBlocks
                    + " blocks of demo history ...");
            err.flush();
            return withVertx(vertx -> {
                HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
                long started = System.nanoTime();
                return new DemoChainSeeder(new RpcCaller(provider), chain.accounts()).seed(demoBlocks, 4, 4)
                        .compose(head -> {
                            err.printf(Locale.ROOT, "ethbus crawl: seeded up to block %d in %.1f s%n", head,
                                    (System.nanoTime() - started) / 1e9);
                            err.flush();
                            return crawlWith(vertx, provider, options, sink, null);
                        });
            });
        } finally {
            deleteRecursively(workDir);
        }
    }

    /** Joins the cluster, crawls with the cluster's ledger, leaves. */
    private CrawlSummary crawlInCluster(CrawlOptions options, ChunkSink sink) {
        ClusterMember member = MainThreadWait.await(ClusteredVertx.start(ClusterOptions.fromEnvironment()));
        try {
            PrintWriter err = spec.commandLine().getErr();
            err.println("ethbus crawl: joined cluster as member " + member.nodeId() + " (" + member.memberIds().size()
                    + " members)");
            err.flush();
            Vertx vertx = member.vertx();
            ChunkLedger ledger = new ClusterChunkLedger(member, Duration.ofSeconds(leaseSeconds));
            return MainThreadWait.await(crawlWith(vertx, new HttpProvider(vertx, crawlNode(rpc)), options, sink, ledger));
        } finally {
            MainThreadWait.await(member.close());
        }
    }

    private Future<CrawlSummary> crawlWith(Vertx vertx, HttpProvider provider, CrawlOptions options, ChunkSink sink,
                                           ChunkLedger ledger) {
        PrintWriter err = spec.commandLine().getErr();
        CrawlProgressBar bar = terminal() ? new CrawlProgressBar() : null;
        Consumer<CrawlProgress> progress = bar != null ? bar : p -> {
            err.println("ethbus crawl: " + p.line());
            err.flush();
        };
        Crawler crawler = new Crawler(vertx, new RpcCaller(provider), options, sink, ledger, progress).traceApi(forcedTraceApi);
        Future<CrawlSummary> run = crawler.run();
        Thread stopOnInterrupt = new Thread(() -> {
            // Ctrl-C: chunks under way are finished and the summary printed before the JVM ends
            crawler.stop();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ethbus-crawl-stop");
        if (options.follow()) {
            Runtime.getRuntime().addShutdownHook(stopOnInterrupt);
        }
        return run.eventually(() -> {
            if (bar != null) {
                bar.close();
            }
            if (options.follow()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnInterrupt);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it is what ended the crawl
                }
            }
            return provider.close();
        });
    }

    /** True when the command runs on a terminal (not a pipe, a file or a test). */
    private static boolean terminal() {
        return System.console() != null;
    }

    /** The node as the crawl reads it: no answer larger than the crawl's memory budget is read in full. */
    private static HttpProviderOptions crawlNode(String url) {
        return HttpProviderOptions.of(url).toBuilder().maxResponseBytes(Crawler.maxAnswerBytes()).build();
    }

    private static Future<Long> headOf(Vertx vertx, String url) {
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(url));
        return new RpcCaller(provider).call(EthCalls.blockNumber()).eventually(provider::close);
    }

    private void printPlan(CrawlOptions options, ChunkSink sink, BlockRange range) {
        PrintWriter o = spec.commandLine().getOut();
        List<Chunk> chunks = new ChunkPlan(range, options.chunkSize()).chunks();
        o.printf(Locale.ROOT, "plan: blocks %s (%d blocks) from %s%n", range, range.size(),
                rpc == null ? "a seeded demo dev chain" : options.blocks() + " on " + HttpProviderOptions.of(rpc).maskedUrl());
        o.printf(Locale.ROOT, "  %d chunk(s) of up to %d blocks, into %s%n", chunks.size(), options.chunkSize(),
                sink.describe());
        // a database is read, never changed, to tell its tables and the chunks it records (skipped)
        DatabasePlan db = sink instanceof PostgresChunkSink tables ? tables.plan(options.datasets()) : null;
        if (db != null) {
            db.lines(chunks, options.datasets(), options.overwrite()).forEach(line -> o.println("  " + line));
        }
        if (db == null) {
            // files are read, never changed: the chunks whose files are all there are skipped
            StoredChunks stored = null;
            try {
                stored = sink.look();
            } catch (IOException e) {
                o.println("  cannot read " + options.outDir() + " (" + e.getMessage() + "): every chunk counted as to write");
            }
            ChunkFates.lines(chunks, options.datasets(), stored, options.overwrite(), options.outDir() + " (files)")
                    .forEach(line -> o.println("  " + line));
            o.println("  files, e.g.:");
        }
        for (int i = 0; db == null && i < chunks.size(); i++) {
            if (i == 3 && chunks.size() > 6) {
                o.printf(Locale.ROOT, "    ... %d more ...%n", chunks.size() - 6);
                i = chunks.size() - 3;
            }
            o.println("    " + chunks.get(i).fileStem(options.datasets().get(0)) + "." + options.format().extension());
        }
        if (options.eventsFromGetLogs()) {
            o.println("  events decoded from eth_getLogs per batch of blocks, filtered by contract and topic0,"
                    + " beside the block headers (hash, time): per batch of B blocks B+1 calls and the matching logs,"
                    + " against 2B calls and every receipt with all its logs by the receipts, which no dataset needs");
        } else if (options.datasets().stream().anyMatch(d -> d.decoder() != null)) {
            o.println("  events decoded from the logs of the block receipts (" + (options.receiptSource() == ReceiptSource.BLOCK
                    ? "eth_getBlockReceipts" : "eth_getTransactionReceipt") + "), fetched for the other datasets anyway:"
                    + " no extra call, where eth_getLogs would add one per batch and the logs a second time");
        }
        for (Dataset d : options.datasets()) {
            o.println("  dataset " + d.wireName() + ":");
            for (Column c : d.columns()) {
                o.printf(Locale.ROOT, "    %-26s %-8s %s%n", c.name(), c.type().name().toLowerCase(Locale.ROOT), c.description());
            }
        }
        o.flush();
        if (db != null) {
            db.check(); // a table the crawl would stop on: the same error, exit code 2
        }
    }

    private void printSummary(CrawlOptions options, ChunkSink sink, CrawlSummary s) {
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "crawled blocks %s into %s%n", s.range(), sink.describe());
        s.rows().forEach((name, n) -> o.printf(Locale.ROOT, "  %-17s %,d rows%n", name, n));
        o.printf(Locale.ROOT, "  %,d blocks in %.2f s: %,.0f blocks/s; %,d requests (%,d calls), %d retries, %d hedged%n",
                s.blocksFetched(), s.elapsedMillis() / 1000.0, s.blocksPerSecond(), s.httpRequests(), s.calls(), s.retries(),
                s.hedges());
        o.printf(Locale.ROOT, "  chunks: %d written, %d already complete" + (cluster ? " or written by other members" : "")
                        + "; report in %s%n",
                s.chunksWritten(), s.chunksSkipped(),
                PostgresUrl.isDatabase(out) ? "table ethbus_runs" : options.outDir().resolve(".ethbus"));
        o.flush();
    }

    private interface VertxWork<T> {
        Future<T> run(Vertx vertx);
    }

    /** Runs the work on a fresh Vert.x, waits for it on the main thread, then closes Vert.x. */
    private static <T> T withVertx(VertxWork<T> work) {
        Vertx vertx = Vertx.vertx();
        try {
            return MainThreadWait.await(work.run(vertx));
        } finally {
            vertx.close();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
