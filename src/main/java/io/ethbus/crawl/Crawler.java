package io.ethbus.crawl;

import io.ethbus.eth.EthCalls;
import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
    /** Chunks with open files at once: enough that a slow chunk does not stall the others. */
    private static final int MAX_OPEN_CHUNKS = 4;
    private static final int MAX_AUTO_CONCURRENCY = 64;
    private static final int INITIAL_AUTO_CONCURRENCY = 8;
    private static final int MAX_AUTO_BATCH = 100;
    private static final int INITIAL_AUTO_BATCH = 20;
    private static final long COOLDOWN_NANOS = Duration.ofMillis(500).toNanos();
    private static final long BACKOFF_BASE_MS = 200;
    private static final long BACKOFF_MAX_MS = 10_000;
    /** A batch still unanswered after this many times the usual latency is asked again: hedged. */
    private static final int HEDGE_AFTER_LATENCIES = 8;
    private static final long HEDGE_MIN_MS = 1_000;

    private final Vertx vertx;
    private final RpcCaller caller;
    private final CrawlOptions options;
    private final Consumer<CrawlProgress> progress;
    private final LongSupplier clock;
    /** Null when this crawler works alone. */
    private final ChunkLedger ledger;
    /** This crawler's name in its temporary file names: the ledger's name for it, or a fresh one. */
    private final String writer;
    private volatile boolean stopping;
    private volatile Context context;
    /** The crawl under way; set and read on its context only. */
    private Run run;

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

    Crawler(Vertx vertx, RpcCaller caller, CrawlOptions options, ChunkLedger ledger, Consumer<CrawlProgress> progress,
            LongSupplier clock) {
        this.vertx = vertx;
        this.caller = caller;
        this.options = options;
        this.ledger = ledger;
        this.writer = WriterName.current(ledger != null ? ledger.self() : UUID.randomUUID().toString().substring(0, 8)).text();
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Resolves the range against eth_blockNumber (retried like any read), deletes the temporary
     * files of crawlers that are gone, then crawls it. With {@link CrawlOptions#follow()} it
     * then keeps crawling new blocks until {@link #stop()}.
     */
    public Future<CrawlSummary> run() {
        Promise<CrawlSummary> done = Promise.promise();
        Context ctx = vertx.getOrCreateContext();
        context = ctx;
        int[] headRetries = {0};
        ctx.runOnContext(v -> firstHead(0, headRetries)
                .compose(head -> vertx.executeBlocking(() -> OutputDirectory.scan(options.outDir(), options.format())
                        .deleteStrayTemporaryFiles(), false).map(head))
                .compose(head -> {
                    BlockRange range = options.blocks().resolve(head);
                    long first = options.follow() && options.blocks().first() == null
                            ? Math.max(0, range.first() - options.reorgBuffer()) : range.first();
                    Run r = new Run(first, head);
                    r.retries += headRetries[0];
                    run = r;
                    return r.start(options.follow() ? initialFollowEnd(head, range) : range.last());
                })
                .onComplete(done));
        return done.future();
    }

    /** The head, asked again with backoff after a passing failure; counts the retries in {@code retries[0]}. */
    private Future<Long> firstHead(int attempt, int[] retries) {
        return caller.call(EthCalls.blockNumber()).recover(cause -> {
            FailureKind kind = FailureKind.of(cause);
            if (kind == FailureKind.FATAL || kind == FailureKind.METHOD_MISSING || attempt >= options.maxRetries()) {
                return Future.failedFuture(new CrawlException("eth_blockNumber failed"
                        + (attempt > 0 ? " after " + (attempt + 1) + " attempts" : "") + ": " + cause.getMessage(), cause));
            }
            retries[0]++;
            Promise<Long> again = Promise.promise();
            vertx.setTimer(backoffMillis(attempt, cause), id -> firstHead(attempt + 1, retries).onComplete(again));
            return again.future();
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

    private static long backoffMillis(int attempt, Throwable cause) {
        long exp = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS << Math.min(attempt, 10));
        // jitter spreads the retries of many batches that failed together
        long delay = exp / 2 + ThreadLocalRandom.current().nextLong(exp / 2 + 1);
        if (cause instanceof HttpStatusException http && http.retryAfter().isPresent()) {
            delay = Math.max(delay, Math.min(60_000, http.retryAfter().get().toMillis()));
        }
        return delay;
    }

    /** A given end block is kept (held back to the reorg buffer); otherwise the last whole chunk below the buffer. */
    private long initialFollowEnd(long head, BlockRange range) {
        long safe = head - options.reorgBuffer();
        return options.blocks().last() != null ? Math.min(range.last(), safe) : followEnd(head);
    }

    /**
     * Where a following crawl may go with the chain at {@code head}: the end of the last whole
     * chunk at least the reorg buffer behind the head, so that files at the tip are whole
     * chunks, named as a later run over the same blocks names them.
     */
    private long followEnd(long head) {
        long safe = head - options.reorgBuffer();
        return (Math.floorDiv(safe + 1, options.chunkSize())) * options.chunkSize() - 1;
    }

    /**
     * A run of blocks to fetch in one batch, and how often it was tried; {@code reread}: read
     * again because it did not link to the blocks around it (a second break is a reorganisation);
     * {@code heldBytes}: what it counts against the memory budget until its answer is measured.
     */
    private record Work(ChunkJob job, long first, long last, int attempt, boolean reread, long heldBytes) {
        int size() {
            return (int) (last - first + 1);
        }

        Work holding(long bytes) {
            return new Work(job, first, last, attempt, reread, bytes);
        }

        /** The same run asked for again: the next attempt, or the blocks {@code from..to} of it, holding their share. */
        Work retry(long from, long to) {
            long share = heldBytes * (to - from + 1) / size();
            return new Work(job, from, to, attempt + 1, reread, share);
        }
    }

    /** What claiming a chunk found. */
    private enum Claim { MINE, HELD, DONE }

    /** The chunk's name in the ledger: the output directory and format, so that unrelated crawls do not meet. */
    private String ledgerKey(Chunk c) {
        return options.outDir() + "/" + c.first() + "-" + c.last() + "." + options.format().extension();
    }

    /** The rows of a fetched run of blocks, checked to link up, and what fetching it took. */
    private record Extracted(List<BlockRows> blocks, int httpRequests, int calls) {
    }

    /** The attempts at one run of blocks: the first and, when it is slow, its hedge. Crawl context only. */
    private static final class Attempts {
        private int pending;
        private boolean settled;
        private long hedgeTimer = -1;
    }

    /** The state of one crawl; touched on the crawl's context only. */
    private final class Run {
        private final long first;
        /** The head as last asked: blocks up to it exist. */
        private long head;
        /** The last block planned so far; grows when following. */
        private long planned;
        private final Promise<CrawlSummary> done = Promise.promise();
        private final Deque<ChunkJob> waiting = new ArrayDeque<>();
        private final List<ChunkJob> open = new ArrayList<>();
        /**
         * Work to send before any new: retries and work the rate limit held back, lowest blocks first. A
         * chunk is written in order, so the blocks held wait for the lowest missing ones: those go first.
         */
        private final PriorityQueue<Work> ready = new PriorityQueue<>(Comparator.comparingLong(Work::first));
        private final AimdController concurrency;
        private final BatchSizer sizer;
        private final TokenBucket bucket;
        private final BlockFetcher fetcher = new BlockFetcher(caller);
        private final RowExtractor extractor = new RowExtractor(options.datasets());
        private final ChainLinks links = new ChainLinks();
        private final boolean fullTransactions = options.datasets().contains(Dataset.TRANSACTIONS);
        private final boolean receipts = options.needsReceipts();
        private final Map<Dataset, Long> rows = new EnumMap<>(Dataset.class);
        private final List<String> files = new ArrayList<>();
        private final long startNanos = clock.getAsLong();
        private ReceiptSource receiptSource = options.receiptSource();
        private ChunkJob sending;
        private int chunks;
        private int chunksLeft;
        private int chunksWritten;
        private int chunksSkipped;
        private long blocksSkipped;
        private long blocksFetched;
        private final HeldBytes held = HeldBytes.forHeap(Runtime.getRuntime().maxMemory());
        /** Answers being read into rows and runs of rows being written: work that frees held bytes when done. */
        private int processing;
        private int inFlight;
        private long httpRequests;
        private long calls;
        private long retries;
        private long hedges;
        /** Smoothed latency of a batch per block, for when to hedge; 0 until the first answer. */
        private double nanosPerBlock;
        private boolean failed;
        private boolean wakeUpSet;
        private long progressTimer = -1;
        private long pollTimer = -1;
        private boolean polling;
        /** With a ledger: chunks claimed and not yet sending, chunks another crawler holds, a claim under way. */
        private final Deque<ChunkJob> claimed = new ArrayDeque<>();
        private final List<ChunkJob> heldElsewhere = new ArrayList<>();
        private boolean claiming;
        private long recheckTimer = -1;
        private long renewTimer = -1;

        Run(long first, long head) {
            this.first = first;
            this.head = head;
            this.planned = first - 1;
            this.concurrency = options.concurrency() != null ? AimdController.fixed(options.concurrency())
                    : new AimdController(1, MAX_AUTO_CONCURRENCY, INITIAL_AUTO_CONCURRENCY, COOLDOWN_NANOS, clock);
            AimdController batch = options.batchSize() != null ? AimdController.fixed(options.batchSize())
                    : new AimdController(1, MAX_AUTO_BATCH, INITIAL_AUTO_BATCH, COOLDOWN_NANOS, clock);
            this.sizer = new BatchSizer(batch, options.maxBatchBytes());
            this.bucket = options.maxRps() == null ? null
                    : new TokenBucket(options.maxRps(), Math.max(1, options.maxRps()), clock);
            options.datasets().forEach(d -> rows.put(d, 0L));
        }

        Future<CrawlSummary> start(long end) {
            progressTimer = vertx.setPeriodic(Math.max(1, options.progressEvery().toMillis()),
                    id -> progress.accept(snapshot()));
            if (ledger != null) {
                renewTimer = vertx.setPeriodic(Math.max(1, ledger.renewEvery().toMillis()), id -> renewClaims());
            }
            extendTo(end);
            return done.future();
        }

        /** Plans the chunks after the planned ones up to {@code end} and crawls them; when idle, polls or finishes. */
        private void extendTo(long end) {
            if (end <= planned) {
                idle();
                return;
            }
            BlockRange range = new BlockRange(planned + 1, end);
            List<Chunk> plan = new ChunkPlan(range, options.chunkSize()).chunks();
            planned = end;
            chunks += plan.size();
            // checking which files exist is file I/O: off the event loop
            vertx.executeBlocking(() -> jobs(plan), false).onComplete(ar -> {
                if (ar.failed()) {
                    fail(new CrawlException("checking the output directory failed: " + ar.cause().getMessage(), ar.cause()));
                    return;
                }
                List<ChunkJob> jobs = ar.result();
                long blocksToDo = 0;
                for (ChunkJob j : jobs) {
                    blocksToDo += j.chunk.size();
                }
                chunksSkipped += plan.size() - jobs.size();
                blocksSkipped += range.size() - blocksToDo;
                waiting.addAll(jobs);
                chunksLeft += jobs.size();
                if (chunksLeft == 0) {
                    idle();
                } else {
                    pump();
                }
            });
        }

        /** Every planned chunk is written: finish, or when following, look for new blocks. */
        private void idle() {
            if (failed) {
                return;
            }
            if (!options.follow() || stopping) {
                finish().onComplete(done);
            } else {
                pollHead();
            }
        }

        /** Asks the head after a pause (a timer, not a busy loop) and crawls up to where the buffer allows. */
        private void pollHead() {
            polling = true;
            pollTimer = vertx.setTimer(Math.max(1, options.pollEvery().toMillis()), id -> {
                pollTimer = -1;
                if (stopping) {
                    polling = false;
                    finish().onComplete(done);
                    return;
                }
                caller.call(EthCalls.blockNumber()).onComplete(ar -> {
                    if (failed || done.future().isComplete()) {
                        return;
                    }
                    if (ar.failed()) {
                        // the node may be restarting: ask again at the next poll
                        retries++;
                        pollHead();
                        return;
                    }
                    polling = false;
                    head = Math.max(head, ar.result());
                    extendTo(followEnd(ar.result()));
                });
            });
        }

        /** Called on {@link #stop()}: a crawl waiting for the next poll finishes now; one with work finishes after it. */
        void stopWhenIdle() {
            if (polling && pollTimer >= 0 && vertx.cancelTimer(pollTimer)) {
                pollTimer = -1;
                polling = false;
                finish().onComplete(done);
            }
        }

        /** The chunks with a dataset no file covers yet, each with the shorter files its files replace. */
        private List<ChunkJob> jobs(List<Chunk> plan) throws java.io.IOException {
            OutputDirectory existing = OutputDirectory.scan(options.outDir(), options.format());
            List<ChunkJob> jobs = new ArrayList<>();
            for (Chunk c : plan) {
                List<Dataset> missing = options.datasets().stream()
                        .filter(d -> options.overwrite() || !existing.covers(c, d))
                        .toList();
                if (!missing.isEmpty()) {
                    Map<Dataset, List<Path>> replaces = new EnumMap<>(Dataset.class);
                    missing.forEach(d -> replaces.put(d, existing.within(c, d)));
                    jobs.add(new ChunkJob(c, missing, options.outDir(), options.format(), writer, replaces));
                }
            }
            return jobs;
        }

        /** Sends work while the in-flight limit, the rate limit and the memory budget allow. */
        private void pump() {
            while (!failed && inFlight < concurrency.limit()) {
                Work w = nextWork();
                if (w == null) {
                    return;
                }
                if (bucket != null) {
                    long waitNanos = bucket.take(callsFor(w));
                    if (waitNanos > 0) {
                        ready.add(w);
                        wakeUpIn(Math.max(1, waitNanos / 1_000_000));
                        return;
                    }
                }
                send(w);
            }
        }

        private Work nextWork() {
            if (!ready.isEmpty()) {
                // a retry holds its estimate already; what its answer may add beyond it must fit too
                Work w = ready.peek();
                long more = Math.max(0, w.size() * sizer.bytesPerBlock() - w.heldBytes());
                if (!fits(more)) {
                    return null;
                }
                ready.poll();
                held.add(more); // counted now, or every retry queued would pass against the same total
                return w.holding(w.heldBytes() + more);
            }
            if (sending == null || sending.nextToSend > sending.chunk.last()) {
                Deque<ChunkJob> mine = ledger == null ? waiting : claimed;
                if (mine.isEmpty() || open.size() >= MAX_OPEN_CHUNKS) {
                    claimMore();
                    return null;
                }
                sending = mine.poll();
                open.add(sending);
            }
            if (!sizer.measured() && inFlight > 0) {
                return null; // the probe's answer tells what a block costs before more are asked for
            }
            int n = sizer.nextBlocks();
            long first = sending.nextToSend;
            long last = Math.min(first + n - 1, sending.chunk.last());
            long bytes = (last - first + 1) * sizer.bytesPerBlock();
            if (!fits(bytes)) {
                return null;
            }
            sending.nextToSend = last + 1;
            held.add(bytes);
            return new Work(sending, first, last, 0, false, bytes);
        }

        /**
         * Whether work whose answer adds {@code bytes} may go now. Answers read and blocks written free
         * the budget and pump again; with nothing under way the work goes anyway: the blocks held are
         * waiting for exactly this run (the last one's link, or the gap before them).
         */
        private boolean fits(long bytes) {
            return held.allows(bytes) || (inFlight == 0 && processing == 0);
        }

        /** With a ledger: claims the next waiting chunk, one claim at a time, a few chunks ahead of the sending. */
        private void claimMore() {
            if (ledger == null || claiming || failed || open.size() + claimed.size() >= MAX_OPEN_CHUNKS) {
                return;
            }
            if (waiting.isEmpty()) {
                recheckHeldLater();
                return;
            }
            claiming = true;
            ChunkJob job = waiting.poll();
            String key = ledgerKey(job.chunk);
            ledger.claim(key)
                    .compose(mine -> !mine ? Future.succeededFuture(Claim.HELD)
                            // another member may have written it between our look at the files and the claim
                            : vertx.executeBlocking(() -> isComplete(job.chunk) ? Claim.DONE : Claim.MINE, false))
                    .onComplete(ar -> {
                        claiming = false;
                        if (failed) {
                            return;
                        }
                        Claim claim = ar.succeeded() ? ar.result() : Claim.HELD; // the ledger may recover: ask later
                        switch (claim) {
                            case MINE -> claimed.add(job);
                            case HELD -> heldElsewhere.add(job);
                            case DONE -> {
                                ledger.release(key);
                                chunksSkipped++;
                                blocksSkipped += job.chunk.size();
                                if (--chunksLeft == 0) {
                                    idle();
                                    return;
                                }
                            }
                        }
                        pump();
                    });
        }

        /** Chunks other crawlers hold are asked for again after a while: their holder may have died. */
        private void recheckHeldLater() {
            if (heldElsewhere.isEmpty() || recheckTimer >= 0) {
                return;
            }
            recheckTimer = vertx.setTimer(ledger.renewEvery().toMillis(), id -> {
                recheckTimer = -1;
                waiting.addAll(heldElsewhere);
                heldElsewhere.clear();
                pump();
            });
        }

        private void renewClaims() {
            open.forEach(job -> ledger.renew(ledgerKey(job.chunk)));
            claimed.forEach(job -> ledger.renew(ledgerKey(job.chunk)));
        }

        private void releaseClaims() {
            if (ledger != null) {
                open.forEach(job -> ledger.release(ledgerKey(job.chunk)));
                claimed.forEach(job -> ledger.release(ledgerKey(job.chunk)));
            }
        }

        private boolean isComplete(Chunk c) {
            return options.datasets().stream().allMatch(d -> new ChunkFile(options.outDir(), c, d, options.format()).isComplete());
        }

        private int callsFor(Work w) {
            return w.size() * (receipts && receiptSource == ReceiptSource.BLOCK ? 2 : 1);
        }

        private void wakeUpIn(long millis) {
            if (!wakeUpSet) {
                wakeUpSet = true;
                vertx.setTimer(millis, id -> {
                    wakeUpSet = false;
                    pump();
                });
            }
        }

        /**
         * Sends a run of blocks. When it stays unanswered well past the usual latency (a stalled
         * connection, a node stuck on one request), the same idempotent reads are sent once more
         * and the first answer wins: one slow batch does not hold its chunk, and the memory
         * budget behind it, for a whole request timeout.
         */
        private void send(Work w) {
            Attempts attempts = new Attempts();
            long sentAt = clock.getAsLong();
            attempt(w, attempts);
            armHedge(w, attempts, sentAt, HEDGE_MIN_MS);
        }

        /**
         * Checks the run again after {@code delayMillis}. The usual latency is read when the
         * timer fires, not when the run was sent: the first wave goes out before any answer
         * gave a latency, and hedging it on a guess only doubled the node's load.
         */
        private void armHedge(Work w, Attempts attempts, long sentAt, long delayMillis) {
            attempts.hedgeTimer = vertx.setTimer(delayMillis, id -> {
                if (attempts.settled || failed) {
                    return;
                }
                if (nanosPerBlock == 0) {
                    armHedge(w, attempts, sentAt, HEDGE_MIN_MS);
                    return;
                }
                long dueInMillis = (sentAt - clock.getAsLong()) / 1_000_000 + hedgeAfterMillis(w);
                if (dueInMillis > 0) {
                    armHedge(w, attempts, sentAt, dueInMillis);
                } else if (!held.allows(w.heldBytes())) {
                    armHedge(w, attempts, sentAt, HEDGE_MIN_MS); // a second copy of the answer has no room yet
                } else if (bucket == null || bucket.take(callsFor(w)) == 0) {
                    hedges++;
                    attempt(w, attempts);
                }
            });
        }

        private long hedgeAfterMillis(Work w) {
            long usual = (long) (nanosPerBlock * w.size() / 1_000_000);
            return Math.max(HEDGE_MIN_MS, usual * HEDGE_AFTER_LATENCIES);
        }

        private void attempt(Work w, Attempts attempts) {
            inFlight++;
            httpRequests++;
            attempts.pending++;
            long sentAt = clock.getAsLong();
            // the chunk's edges are confirmed by the headers beside them, its inner run boundaries by the next run
            boolean before = w.first() == w.job().chunk.first() && w.first() > 0;
            boolean after = w.last() == w.job().chunk.last();
            fetcher.fetch(w.first(), w.last(), fullTransactions, receipts, receiptSource, before, after).onComplete(ar -> {
                inFlight--;
                attempts.pending--;
                if (failed || attempts.settled || (ar.failed() && attempts.pending > 0)) {
                    pump(); // answered already, or the other attempt may still answer
                    return;
                }
                attempts.settled = true;
                vertx.cancelTimer(attempts.hedgeTimer);
                if (ar.failed()) {
                    failedWork(w, ar.cause());
                    pump();
                    return;
                }
                long answerBytes = ar.result().blocks().stream().mapToLong(FetchedBlock::answerBytes).sum();
                sizer.observe(w.size(), answerBytes);
                held.add(answerBytes - w.heldBytes()); // measured now: the estimate gives way to the answer's size
                long latencyNanos = clock.getAsLong() - sentAt;
                double perBlock = (double) latencyNanos / w.size();
                nanosPerBlock = nanosPerBlock == 0 ? perBlock : 0.8 * nanosPerBlock + 0.2 * perBlock;
                concurrency.onSuccess(latencyNanos);
                sizer.controller().onSuccess(latencyNanos / w.size());
                // reading rows is CPU work: worker threads, several runs at once; the node gets the next request meanwhile
                long knownHead = head;
                processing++;
                vertx.executeBlocking(() -> extract(ar.result(), knownHead), false).onComplete(rows -> {
                    processing--;
                    if (failed) {
                        return;
                    }
                    if (rows.succeeded()) {
                        arrived(w, rows.result());
                    } else {
                        failedWork(w, rows.cause());
                    }
                    pump();
                });
                pump();
            });
        }

        /** Reads the rows out of a fetched run; on a worker thread. */
        private Extracted extract(BlockFetcher.Result fetched, long knownHead) {
            return new Extracted(extractor.extractRun(fetched, knownHead, caller.endpoint()), fetched.httpRequests(), fetched.calls());
        }

        private void arrived(Work w, Extracted result) {
            httpRequests += result.httpRequests() - 1;
            calls += result.calls();
            blocksFetched += w.size();
            ChunkJob job = w.job();
            job.arrived.put(w.first(), new ChunkJob.Arrival(result.blocks(), w.attempt(), w.reread()));
            while (!job.arrived.isEmpty() && job.arrived.firstKey() == job.nextToWrite) {
                ChunkJob.Arrival run = job.arrived.pollFirstEntry().getValue();
                List<BlockRows> blocks = run.blocks();
                BlockRows last = blocks.get(blocks.size() - 1);
                List<BlockRows> release = new ArrayList<>(blocks.size() + 1);
                if (job.held != null) {
                    release.add(job.held);
                }
                release.addAll(blocks);
                // the last block waits for the next run's first parent hash, unless the header after the chunk confirmed it
                boolean chunkEnd = last.number() == job.chunk.last();
                List<BlockRows> toWrite = chunkEnd ? release : release.subList(0, release.size() - 1);
                String broken = linkBreak(job.held, blocks.get(0), toWrite);
                if (broken != null) {
                    readAgain(job, run, release, broken);
                    return;
                }
                toWrite.forEach(b -> links.add(b.number(), b.hash(), b.parentHash()));
                job.held = chunkEnd ? null : last;
                job.nextToWrite += blocks.size();
                write(job, List.copyOf(toWrite));
            }
            if (job.nextToWrite > job.chunk.last()) {
                commit(job);
            }
        }

        /** What does not link: the held block to the run after it, or the blocks to write to blocks known; or null. */
        private String linkBreak(BlockRows held, BlockRows next, List<BlockRows> toWrite) {
            if (held != null && !held.hash().equals(next.parentHash())) {
                return "block " + next.number() + " has parent " + next.parentHash() + " but block " + held.number()
                        + " was " + held.hash();
            }
            for (BlockRows b : toWrite) {
                String broken = links.check(b.number(), b.hash(), b.parentHash());
                if (broken != null) {
                    return broken;
                }
            }
            return null;
        }

        /**
         * Blocks that do not link to the blocks around them are not written: either one answer
         * was wrong or the chain changed. They are read again, the held block with them; only a
         * run read again that still does not link is taken for a reorganisation.
         */
        private void readAgain(ChunkJob job, ChunkJob.Arrival run, List<BlockRows> release, String broken) {
            if (run.reread()) {
                fail(new CrawlException("the chain changed under the crawl: " + broken + ", also when read again. A "
                        + "reorganisation deeper than the reorg buffer (or a crawl near the head without --follow); files "
                        + "written before this may hold the old branch: crawl their range again with --overwrite", null));
                return;
            }
            job.held = null;
            job.nextToWrite = release.get(0).number();
            blocksFetched -= release.size();
            long heldBytes = release.stream().mapToLong(BlockRows::answerBytes).sum();
            Work again = new Work(job, release.get(0).number(), release.get(release.size() - 1).number(), run.attempt(), true,
                    heldBytes);
            failedWork(again, new MalformedResponseException(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), caller.endpoint(), broken));
        }

        private void write(ChunkJob job, List<BlockRows> blocks) {
            processing++;
            job.writes = job.writes
                    .compose(v -> vertx.executeBlocking(() -> job.write(blocks), false))
                    .map(counts -> {
                        processing--;
                        counts.forEach((d, n) -> rows.merge(d, n, Long::sum));
                        counts.forEach((d, n) -> job.rowsWritten.merge(d, n, Long::sum));
                        held.release(blocks.stream().mapToLong(BlockRows::answerBytes).sum());
                        pump();
                        return null;
                    });
        }

        private void commit(ChunkJob job) {
            Future<Boolean> committed = job.writes
                    .compose(v -> ledger == null ? Future.succeededFuture(true)
                            // a ledger that cannot answer is no confirmation: the chunk is asked for again
                            : ledger.confirm(ledgerKey(job.chunk)).otherwise(false))
                    .compose(mine -> vertx.executeBlocking(() -> {
                        if (mine) {
                            return job.commit();
                        }
                        job.abort();
                        return null;
                    }, false))
                    .map(paths -> {
                        if (paths == null) {
                            lostClaim(job);
                            return false;
                        }
                        paths.forEach(p -> files.add(options.outDir().relativize(p).toString()));
                        return true;
                    });
            job.writes = committed.mapEmpty();
            committed.onComplete(ar -> {
                if (ar.failed()) {
                    fail(new CrawlException("writing chunk " + job.chunk.first() + ".." + job.chunk.last()
                            + " failed: " + ar.cause().getMessage(), ar.cause()));
                    return;
                }
                open.remove(job);
                if (!ar.result()) {
                    pump(); // dropped: the chunk waits among those held elsewhere
                } else {
                    if (ledger != null) {
                        ledger.release(ledgerKey(job.chunk));
                    }
                    chunksWritten++;
                    if (--chunksLeft == 0 && !failed) {
                        idle();
                    } else {
                        pump();
                    }
                }
            });
        }

        /**
         * This crawler's claim on a finished chunk lapsed (a long pause) and its files were
         * dropped: the rows are taken back, and the chunk is asked for again later, when its
         * new holder has written it (then it is skipped) or has died (then it is done again).
         */
        private void lostClaim(ChunkJob job) {
            job.rowsWritten.forEach((d, n) -> rows.merge(d, -n, Long::sum));
            job.rowsWritten.clear();
            heldElsewhere.add(job.again());
        }

        private void failedWork(Work w, Throwable cause) {
            FailureKind kind = FailureKind.of(cause);
            if (kind == FailureKind.METHOD_MISSING && receipts && receiptSource == ReceiptSource.BLOCK) {
                receiptSource = ReceiptSource.TRANSACTION;
                ready.add(w);
                return;
            }
            if (kind == FailureKind.FATAL || kind == FailureKind.METHOD_MISSING || w.attempt() >= options.maxRetries()) {
                String advice = cause instanceof PayloadTooLargeException
                        ? " (the crawl holds at most " + (held.budget() >> 20) + " MiB of answers, a sixth of the "
                        + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap: give it more, e.g. JAVA_OPTS=-Xmx1g)" : "";
                fail(new CrawlException("blocks " + w.first() + ".." + w.last() + " failed"
                        + (w.attempt() > 0 ? " after " + (w.attempt() + 1) + " attempts" : "") + ": " + cause.getMessage()
                        + advice, cause));
                return;
            }
            if (kind == FailureKind.OVERLOAD) {
                concurrency.onOverload();
                sizer.controller().onOverload();
            }
            if (cause instanceof PayloadTooLargeException tooLarge) {
                // one of its blocks may be all of it: sized for that until answers measure the blocks again
                sizer.observe(1, tooLarge.bytesSeen());
            }
            retries++;
            List<Work> again = new ArrayList<>();
            int smaller = sizer.nextBlocks();
            if (w.size() > smaller && w.size() > 1) {
                // pieces the size of the next batch (what an answer past the memory ceiling measured), halves at most
                int piece = Math.min(Math.max(smaller, 1), (w.size() + 1) / 2);
                for (long from = w.first(); from <= w.last(); from += piece) {
                    again.add(w.retry(from, Math.min(from + piece - 1, w.last())));
                }
            } else {
                again.add(w.retry(w.first(), w.last()));
            }
            vertx.setTimer(backoffMillis(w.attempt(), cause), id -> {
                ready.addAll(again);
                pump();
            });
        }

        private void fail(Throwable cause) {
            if (failed) {
                return;
            }
            failed = true;
            stopTimers();
            releaseClaims();
            List<Future<Void>> aborts = new ArrayList<>();
            for (ChunkJob job : open) {
                aborts.add(job.writes.transform(ar -> vertx.executeBlocking(() -> {
                    job.abort();
                    return null;
                }, false)));
            }
            Future.join(aborts).onComplete(ar -> done.tryFail(cause));
        }

        private void stopTimers() {
            vertx.cancelTimer(progressTimer);
            vertx.cancelTimer(renewTimer);
            vertx.cancelTimer(recheckTimer);
            vertx.cancelTimer(pollTimer);
        }

        private Future<CrawlSummary> finish() {
            stopTimers();
            CrawlProgress last = snapshot();
            progress.accept(last); // the final state, also for a crawl shorter than one report interval
            Map<String, Long> rowsByName = new LinkedHashMap<>();
            rows.forEach((d, n) -> rowsByName.put(d.wireName(), n));
            CrawlSummary summary = new CrawlSummary(rangeText(), options.format().extension(),
                    options.datasets().stream().map(Dataset::wireName).toList(), chunks, chunksWritten, chunksSkipped,
                    blocksFetched, rowsByName, httpRequests, calls, retries, hedges, last.elapsedMillis(),
                    last.elapsedMillis() == 0 ? 0 : blocksFetched * 1000.0 / last.elapsedMillis(),
                    concurrency.limit(), sizer.nextBlocks(), files);
            Path outDir = options.outDir();
            return vertx.executeBlocking(() -> RunReport.write(outDir, summary, Instant.now()), false).map(p -> summary);
        }

        private String rangeText() {
            return planned >= first ? first + ":" + planned : first + ": (nothing yet)";
        }

        private CrawlProgress snapshot() {
            Map<String, Long> rowsByName = new LinkedHashMap<>();
            rows.forEach((d, n) -> rowsByName.put(d.wireName(), n));
            return new CrawlProgress(blocksFetched + blocksSkipped, planned - first + 1, rowsByName, httpRequests, retries,
                    concurrency.limit(), sizer.nextBlocks(), (clock.getAsLong() - startNanos) / 1_000_000);
        }
    }
}
