package io.ethbus.crawl;

import io.ethbus.rpc.RetryPolicy;
import io.ethbus.rpc.FailureClass;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcException;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Sends the crawl's batches: as many in flight as the adaptive limit allows, within the rate
 * limit and the memory budget for answers; hedges a batch that stays unanswered; retries a
 * failed one after a backoff, in smaller pieces when it was too large; feeds the latency and
 * overload signals to the {@link CrawlPace}; reads rows out of the
 * answers on worker threads and hands them on in the order they come. Crawl context only.
 */
final class BatchDispatcher {
    /**
     * Waits before a batch is asked again. Longer and more spread than {@link RetryPolicy#defaults()}:
     * up to 64 batches fail together when the node is overloaded, and a crawl, a job of hours,
     * honours a Retry-After of up to a minute where an interactive call would rather fail.
     */
    private static final RetryPolicy WAITS = RetryPolicy.defaults()
            .withDelays(Duration.ofMillis(200), Duration.ofSeconds(10)).withJitter(0.5).withMaxRetryAfter(Duration.ofSeconds(60));
    /** A batch still unanswered after this many times the usual latency is asked again: hedged. */
    private static final int HEDGE_AFTER_LATENCIES = 8;
    private static final long HEDGE_MIN_MS = 1_000;

    private final Vertx vertx;
    private final RpcCaller caller;
    private final CrawlOptions options;
    private final LongSupplier clock;
    private final RunStats stats;
    private final RunControl control;
    private final ChunkScheduler scheduler;
    /** Where the rows of a fetched batch go, in the order batches are answered. */
    private final BiConsumer<BlockBatch, List<BlockRows>> arrivals;
    /** The head as last asked, for the checks of the rows. */
    private final LongSupplier head;
    /**
     * Work to send before any new: retries and work the rate limit held back, lowest blocks first. A
     * chunk is written in order, so the blocks held wait for the lowest missing ones: those go first.
     */
    private final PriorityQueue<BlockBatch> ready = new PriorityQueue<>(Comparator.comparingLong(BlockBatch::first));
    private final CrawlPace pace;
    private final TokenBucket bucket;
    private final BlockFetcher fetcher;
    private final RowExtractor extractor;
    private final boolean fullTransactions;
    private final boolean receipts;
    /** The eth_getLogs filter asked for beside each run of headers; null when events come from receipts, or there are none. */
    private final LogQuery logQuery;
    /**
     * Blocks whose logs are more than the node answers eth_getLogs with, even alone: their events
     * are read from their receipts instead, which hold every log and are checked like the
     * receipts route's. A block leaves the set once read.
     */
    private final Set<Long> logsFromReceipts = new HashSet<>();
    private final HeldBytes held = HeldBytes.forHeap(Runtime.getRuntime().maxMemory());
    private ReceiptSource receiptSource;
    /** Answers being read into rows and runs of rows being written: work that frees held bytes when done. */
    private int processing;
    private int inFlight;
    private boolean wakeUpSet;

    /** The attempts at one batch: the first and, when it is slow, its hedge. */
    private static final class Attempts {
        private int pending;
        private boolean settled;
        private long hedgeTimer = -1;
    }

    BatchDispatcher(Vertx vertx, RpcCaller caller, CrawlOptions options, LongSupplier clock, RunStats stats,
                    RunControl control, ChunkScheduler scheduler, LongSupplier head,
                    BiConsumer<BlockBatch, List<BlockRows>> arrivals, TraceApi traces) {
        this.vertx = vertx;
        this.caller = caller;
        this.options = options;
        this.clock = clock;
        this.stats = stats;
        this.control = control;
        this.scheduler = scheduler;
        this.head = head;
        this.arrivals = arrivals;
        this.pace = new CrawlPace(options, clock);
        this.bucket = options.maxRps() == null ? null
                : new TokenBucket(options.maxRps(), Math.max(1, options.maxRps()), clock);
        this.fetcher = new BlockFetcher(caller, traces);
        this.extractor = new RowExtractor(options.datasets(), traces);
        this.fullTransactions = options.datasets().contains(Dataset.TRANSACTIONS);
        this.receipts = options.needsReceipts();
        this.logQuery = options.eventsFromGetLogs() ? LogQuery.of(options.datasets()) : null;
        this.receiptSource = options.receiptSource();
    }

    /** How long to wait before asking again after {@code attempt} earlier attempts (0: the first) failed so. */
    static long waitMillis(int attempt, Throwable cause) {
        return WAITS.delay(attempt + 1, ThreadLocalRandom.current().nextDouble(), FailureClass.of(cause)).toMillis();
    }

    /** How fast the crawl goes now. */
    CrawlPace pace() {
        return pace;
    }

    /** Rows of blocks are being written: held bytes stay held until {@link #processed}. */
    void processing() {
        processing++;
    }

    /** Rows of blocks are written: their answers' bytes are free. */
    void processed(long answerBytes) {
        processing--;
        held.release(answerBytes);
    }

    /** Sends work while the in-flight limit, the rate limit and the memory budget allow. */
    void pump() {
        while (!control.failed() && inFlight < pace.concurrency()) {
            BlockBatch w = nextWork();
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

    private BlockBatch nextWork() {
        if (!ready.isEmpty()) {
            // a retry holds its estimate already; what its answer may add beyond it must fit too
            BlockBatch w = ready.peek();
            long more = Math.max(0, w.size() * pace.bytesPerBlock() - w.heldBytes());
            if (!fits(more)) {
                return null;
            }
            ready.poll();
            held.add(more); // counted now, or every retry queued would pass against the same total
            return w.holding(w.heldBytes() + more);
        }
        ChunkJob job = scheduler.sending();
        if (job == null) {
            return null;
        }
        if (!pace.measured() && inFlight > 0) {
            return null; // the probe's answer tells what a block costs before more are asked for
        }
        BlockRange blocks = job.nextToSend(pace.nextBlocks());
        long bytes = blocks.size() * pace.bytesPerBlock();
        if (!fits(bytes)) {
            return null;
        }
        job.sent(blocks);
        held.add(bytes);
        return new BlockBatch(job, blocks.first(), blocks.last(), 0, false, bytes);
    }

    /**
     * Whether work whose answer adds {@code bytes} may go now. Answers read and blocks written free
     * the budget and pump again; with nothing under way the work goes anyway: the blocks held are
     * waiting for exactly this run (the last one's link, or the gap before them).
     */
    private boolean fits(long bytes) {
        return held.allows(bytes) || (inFlight == 0 && processing == 0);
    }

    private int callsFor(BlockBatch w) {
        return w.size() * (withReceipts(w) && receiptSource == ReceiptSource.BLOCK ? 2 : 1);
    }

    /** Whether the run's receipts are fetched: for the datasets, or for the logs of a block too busy for eth_getLogs. */
    private boolean withReceipts(BlockBatch w) {
        return receipts || (w.size() == 1 && logsFromReceipts.contains(w.first()));
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
    private void send(BlockBatch w) {
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
    private void armHedge(BlockBatch w, Attempts attempts, long sentAt, long delayMillis) {
        attempts.hedgeTimer = vertx.setTimer(delayMillis, id -> {
            if (attempts.settled || control.failed()) {
                return;
            }
            if (!pace.latencyKnown()) {
                armHedge(w, attempts, sentAt, HEDGE_MIN_MS);
                return;
            }
            long dueInMillis = (sentAt - clock.getAsLong()) / 1_000_000 + hedgeAfterMillis(w);
            if (dueInMillis > 0) {
                armHedge(w, attempts, sentAt, dueInMillis);
            } else if (!held.allows(w.heldBytes())) {
                armHedge(w, attempts, sentAt, HEDGE_MIN_MS); // a second copy of the answer has no room yet
            } else if (bucket == null || bucket.take(callsFor(w)) == 0) {
                stats.hedged();
                attempt(w, attempts);
            }
        });
    }

    private long hedgeAfterMillis(BlockBatch w) {
        return Math.max(HEDGE_MIN_MS, pace.usualMillis(w.size()) * HEDGE_AFTER_LATENCIES);
    }

    private void attempt(BlockBatch w, Attempts attempts) {
        inFlight++;
        stats.sent(1, 0);
        attempts.pending++;
        long sentAt = clock.getAsLong();
        // the chunk's edges are confirmed by the headers beside them, its inner run boundaries by the next run
        boolean before = w.first() == w.job().chunk.first() && w.first() > 0;
        boolean after = w.last() == w.job().chunk.last();
        boolean fromReceipts = withReceipts(w);
        fetcher.fetch(w.first(), w.last(), fullTransactions, fromReceipts, receiptSource, before, after,
                fromReceipts ? null : logQuery).onComplete(ar -> {
            inFlight--;
            attempts.pending--;
            if (control.failed() || attempts.settled || (ar.failed() && attempts.pending > 0)) {
                pump(); // answered already, or the other attempt may still answer
                return;
            }
            attempts.settled = true;
            vertx.cancelTimer(attempts.hedgeTimer);
            if (ar.failed()) {
                failed(w, ar.cause());
                pump();
                return;
            }
            answered(w, ar.result(), clock.getAsLong() - sentAt);
            pump();
        });
    }

    /** Feeds the answer's size and latency to the pace, then reads its rows on a worker thread. */
    private void answered(BlockBatch w, BlockFetcher.Result fetched, long latencyNanos) {
        long answerBytes = fetched.answerBytes();
        pace.answered(w.size(), answerBytes, latencyNanos);
        held.add(answerBytes - w.heldBytes()); // measured now: the estimate gives way to the answer's size
        // reading rows is CPU work: worker threads, several runs at once; the node gets the next request meanwhile
        long knownHead = head.getAsLong();
        processing++;
        vertx.executeBlocking(() -> extractor.extractRun(fetched, knownHead, caller.endpoint()), false).onComplete(rows -> {
            processing--;
            if (control.failed()) {
                return;
            }
            if (rows.succeeded()) {
                // the batch's first request is counted when sent; a fallback may have taken more
                stats.sent(fetched.httpRequests() - 1, fetched.calls());
                stats.fetched(w.size());
                if (w.size() == 1) {
                    logsFromReceipts.remove(w.first());
                }
                arrivals.accept(w, rows.result());
            } else {
                failed(w, rows.cause());
            }
            pump();
        });
    }

    /**
     * A batch failed: the crawl fails when retrying cannot help or the attempts are used up;
     * otherwise it is asked again after a backoff, in smaller pieces when the next batch is
     * to be smaller, with the knobs halved when the node is overloaded.
     */
    void failed(BlockBatch w, Throwable cause) {
        FailureKind kind = FailureKind.of(cause);
        if (tooManyLogs(w, cause) && logsFromReceipts.add(w.first())) {
            ready.add(w); // no attempt spent: the same block by another route
            return;
        }
        if (kind == FailureKind.METHOD_MISSING && withReceipts(w) && receiptSource == ReceiptSource.BLOCK) {
            receiptSource = ReceiptSource.TRANSACTION;
            ready.add(w);
            return;
        }
        if (kind == FailureKind.FATAL || kind == FailureKind.METHOD_MISSING || w.attempt() >= options.maxRetries()) {
            String advice = cause instanceof PayloadTooLargeException
                    ? " (the crawl holds at most " + (held.budget() >> 20) + " MiB of answers, a sixth of the "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MiB heap: give it more, e.g. JAVA_OPTS=-Xmx1g)" : "";
            control.fail(new CrawlException("blocks " + w.first() + ".." + w.last() + " failed"
                    + (w.attempt() > 0 ? " after " + (w.attempt() + 1) + " attempts" : "") + ": " + cause.getMessage()
                    + advice, cause));
            return;
        }
        if (kind == FailureKind.OVERLOAD) {
            pace.overloaded();
        }
        if (cause instanceof PayloadTooLargeException tooLarge) {
            pace.cutOff(tooLarge.bytesSeen());
        }
        stats.retried(1);
        List<BlockBatch> again = new ArrayList<>();
        int smaller = pace.nextBlocks();
        if (w.size() > smaller && w.size() > 1) {
            // pieces the size of the next batch (what an answer past the memory ceiling measured), halves at most
            int piece = Math.min(Math.max(smaller, 1), (w.size() + 1) / 2);
            for (long from = w.first(); from <= w.last(); from += piece) {
                again.add(w.retry(from, Math.min(from + piece - 1, w.last())));
            }
        } else {
            again.add(w.retry(w.first(), w.last()));
        }
        vertx.setTimer(waitMillis(w.attempt(), cause), id -> {
            ready.addAll(again);
            pump();
        });
    }

    /** True when one block alone has more logs than the node's eth_getLogs answers with: no smaller range exists. */
    private boolean tooManyLogs(BlockBatch w, Throwable cause) {
        return logQuery != null && w.size() == 1 && cause instanceof RpcException rpc
                && RpcMethod.ETH_GET_LOGS.wireName().equals(rpc.method()) && FailureClass.of(cause).tooLarge();
    }
}
