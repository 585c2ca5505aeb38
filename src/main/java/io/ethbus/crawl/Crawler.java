package io.ethbus.crawl;

import io.ethbus.eth.EthCalls;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Crawls a block range into chunk files: batches of blocks (and receipts) go out with a
 * bounded, adaptive number in flight; rows are read from the answers on worker threads and
 * written in block order, one file per chunk and dataset. Chunks whose files exist are
 * skipped unless overwriting. With {@link CrawlOptions#follow()} it then keeps crawling the
 * chain as it grows, a reorg buffer behind the head, until {@link #stop()}; with a
 * {@link ChunkLedger} it shares the output directory with other crawlers, claiming each chunk first.
 *
 * <pre>
 * new Crawler(vertx, new RpcCaller(provider), options, p -&gt; System.err.println(p.line())).run()
 * </pre>
 *
 * A crawler runs once, on an event-loop context of its own; it blocks no thread.
 */
public final class Crawler {
    private final Vertx vertx;
    private final RpcCaller caller;
    private final CrawlOptions options;
    /** Where the chunks go. */
    private final ChunkSink sink;
    private final Consumer<CrawlProgress> progress;
    private final LongSupplier clock;
    /** Null when this crawler works alone. */
    private final ChunkLedger ledger;
    /** This crawler's name in its temporary file names: the ledger's name for it, or a fresh one. */
    private final String writer;
    /** The trace API asked for ({@code --trace-api}), or null to detect it. */
    private volatile TraceApi traceApi;
    private volatile boolean stopping;
    private volatile Context context;
    /** The crawl under way; set and read on its context only. */
    private CrawlRun run;

    /**
     * The largest answer a crawl in this JVM reads in full: its memory budget for blocks held, a
     * sixth of the heap (4 to 64 MiB). Give it to the crawl's provider as {@code maxResponseBytes}:
     * an over-large batch then fails early and is split, and a single block larger than this
     * fails the crawl with a message to raise the heap, instead of running out of memory.
     */
    public static long maxAnswerBytes() {
        return HeldBytes.forHeap(Runtime.getRuntime().maxMemory()).budget();
    }

    /** A crawler that works alone on its output directory. */
    public Crawler(Vertx vertx, RpcCaller caller, CrawlOptions options, Consumer<CrawlProgress> progress) {
        this(vertx, caller, options, null, progress, System::nanoTime);
    }

    /** A crawler that shares its output directory with others, each chunk claimed through {@code ledger} first. */
    public Crawler(Vertx vertx, RpcCaller caller, CrawlOptions options, ChunkLedger ledger,
                   Consumer<CrawlProgress> progress) {
        this(vertx, caller, options, Objects.requireNonNull(ledger, "ledger"), progress, System::nanoTime);
    }

    /**
     * A crawler that writes its chunks into {@code sink} instead of {@code options.outDir()}
     * (whose format it then ignores), alone or, with a {@code ledger} (else null), with others.
     */
    public Crawler(Vertx vertx, RpcCaller caller, CrawlOptions options, ChunkSink sink, ChunkLedger ledger,
                   Consumer<CrawlProgress> progress) {
        this(vertx, caller, options, sink, ledger, progress, System::nanoTime);
    }

    Crawler(Vertx vertx, RpcCaller caller, CrawlOptions options, ChunkLedger ledger, Consumer<CrawlProgress> progress,
            LongSupplier clock) {
        this(vertx, caller, options, new FileChunkSink(options.outDir(), options.format()), ledger, progress, clock);
    }

    Crawler(Vertx vertx, RpcCaller caller, CrawlOptions options, ChunkSink sink, ChunkLedger ledger,
            Consumer<CrawlProgress> progress, LongSupplier clock) {
        this.vertx = vertx;
        this.caller = caller;
        this.options = options;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.ledger = ledger;
        this.writer = WriterName.current(ledger != null ? ledger.self() : UUID.randomUUID().toString().substring(0, 8)).text();
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Readies the sink (a file sink deletes the temporary files of crawlers that are gone; a sink
     * that cannot take the crawl fails it here, before any block is fetched), resolves the range
     * against eth_blockNumber (retried like any read), then crawls it. With {@link CrawlOptions#follow()} it
     * then keeps crawling new blocks until {@link #stop()}.
     */
    public Future<CrawlSummary> run() {
        Promise<CrawlSummary> done = Promise.promise();
        Context ctx = vertx.getOrCreateContext();
        context = ctx;
        RetriedRead startReads = new RetriedRead(vertx, options.maxRetries());
        // the node's head and trace API before the sink is readied: a node that cannot serve the
        // crawl leaves no table or file behind
        ctx.runOnContext(v -> startReads.ask(RpcMethod.ETH_BLOCK_NUMBER.wireName(), () -> caller.call(EthCalls.blockNumber()),
                        cause -> FailureKind.of(cause) == FailureKind.TRANSIENT || FailureKind.of(cause) == FailureKind.OVERLOAD)
                .compose(head -> detectTraceApi(startReads).map(api -> {
                    traceApi = api;
                    return head;
                }))
                .compose(head -> vertx.<Void>executeBlocking(() -> {
                    sink.prepare(options.datasets());
                    return null;
                }, false).map(head))
                .compose(head -> {
                    BlockRange range = options.blocks().resolve(head);
                    long first = options.follow() && options.blocks().first() == null
                            ? Math.max(0, range.first() - options.reorgBuffer()) : range.first();
                    CrawlRun r = new CrawlRun(vertx, caller, options, sink, ledger, writer, progress, clock, () -> stopping,
                            first, head, traceApi);
                    r.retried(startReads.retries());
                    run = r;
                    return repairing(r.start(options.follow() ? initialFollowEnd(head, range) : range.last()));
                })
                .onComplete(done));
        return done.future();
    }

    /**
     * Reads the trace datasets with {@code api} instead of the one the node is found to have;
     * before {@link #run()}. Ignored when no trace dataset is crawled.
     */
    public Crawler traceApi(TraceApi api) {
        this.traceApi = api;
        return this;
    }

    /** The trace API of this crawl, found before any block is fetched; null when no trace dataset is crawled. */
    private Future<TraceApi> detectTraceApi(RetriedRead reads) {
        if (options.datasets().stream().noneMatch(Dataset::needsTraces)) {
            return Future.succeededFuture(null);
        }
        return new TraceApiProbe(caller, reads).detect(traceApi);
    }

    /**
     * A following crawl into a sink that repairs reorganisations goes on after one: from where
     * the chains part, with a first chunk that replaces the orphaned blocks' rows by the new
     * chain's in one step. Any other failure, or a crawl that cannot repair, ends the crawl.
     */
    private Future<CrawlSummary> repairing(Future<CrawlSummary> crawl) {
        return crawl.recover(cause -> {
            if (!(cause instanceof ChainReorgException reorg) || !options.follow() || !sink.repairsReorgs() || stopping) {
                return Future.failedFuture(cause);
            }
            return ForkPoint.find(caller, reorg.passed().headMap(reorg.brokenAt(), false)).compose(fork -> caller.call(EthCalls.blockNumber())
                    .compose(head -> {
                        long end = CrawlRun.followEnd(options, head);
                        if (end <= fork) {
                            // the new chain is not yet past the fork: nothing canonical to put in the orphans' place
                            return Future.failedFuture(cause);
                        }
                        CrawlRun r = new CrawlRun(vertx, caller, options, sink, ledger, writer, progress, clock,
                                () -> stopping, fork + 1, head, traceApi);
                        run = r;
                        Chunk repair = new Chunk(fork + 1, Math.min(end, Math.max(reorg.planned(), fork + 1)));
                        return repairing(r.startRepair(repair, Math.max(reorg.planned(), repair.last()), end));
                    }));
        });
    }

    /**
     * Asks a following crawl to end: chunks under way are finished and written, then the
     * future of {@link #run()} completes with the summary. A crawl that does not follow ends
     * by itself and is not affected. Callable from any thread.
     */
    public void stop() {
        stopping = true;
        Context ctx = context;
        if (ctx != null) {
            ctx.runOnContext(v -> {
                if (run != null) {
                    run.stopWhenIdle();
                }
            });
        }
    }

    /** A given end block is kept (held back to the reorg buffer); otherwise the last whole chunk below the buffer. */
    private long initialFollowEnd(long head, BlockRange range) {
        long safe = head - options.reorgBuffer();
        return options.blocks().last() != null ? Math.min(range.last(), safe) : CrawlRun.followEnd(options, head);
    }
}
