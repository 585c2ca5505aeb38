package io.ethbus.crawl;

import io.ethbus.eth.EthCalls;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One crawl from its first block to its summary: its parts (a {@link ChunkScheduler}, a
 * {@link BatchDispatcher}, a {@link ChunkAssembler}, {@link RunStats}) wired together; it
 * reports progress, polls the head when following, and ends the crawl, with a summary or a
 * failure. Touched on the crawl's context only.
 */
final class CrawlRun implements RunControl {
    private final Vertx vertx;
    private final RpcCaller caller;
    private final CrawlOptions options;
    private final Consumer<CrawlProgress> progress;
    /** Whether the crawler was asked to stop. */
    private final BooleanSupplier stopping;
    private final long first;
    /** The head as last asked: blocks up to it exist. */
    private long head;
    private final Promise<CrawlSummary> done = Promise.promise();
    private final RunStats stats;
    private final ChunkScheduler scheduler;
    private final BatchDispatcher dispatcher;
    private final ChunkAssembler assembler;
    private boolean failed;
    private long progressTimer = -1;
    private long pollTimer = -1;
    private boolean polling;

    /**
     * @param ledger null when the crawler works alone
     * @param writer the crawler's name in its temporary file names
     * @param traces where the trace datasets are read from; null when none is crawled
     */
    CrawlRun(Vertx vertx, RpcCaller caller, CrawlOptions options, ChunkLedger ledger, String writer,
             Consumer<CrawlProgress> progress, LongSupplier clock, BooleanSupplier stopping, long first, long head,
             TraceApi traces) {
        this.vertx = vertx;
        this.caller = caller;
        this.options = options;
        this.progress = progress;
        this.stopping = stopping;
        this.first = first;
        this.head = head;
        this.stats = new RunStats(options, clock);
        this.scheduler = new ChunkScheduler(vertx, options, ledger, writer, first, stats, this);
        this.dispatcher = new BatchDispatcher(vertx, caller, options, clock, stats, this, scheduler, () -> this.head,
                this::arrived, traces);
        this.assembler = new ChunkAssembler(vertx, options, caller.endpoint(), stats, this, scheduler, dispatcher);
    }

    /** The rows of a batch go to the assembler (made after the dispatcher, which it sends its retries to). */
    private void arrived(BlockBatch batch, List<BlockRows> rows) {
        assembler.arrived(batch, rows);
    }

    /**
     * Where a following crawl may go with the chain at {@code head}: the end of the last whole
     * chunk at least the reorg buffer behind the head, so that files at the tip are whole
     * chunks, named as a later run over the same blocks names them.
     */
    static long followEnd(CrawlOptions options, long head) {
        long safe = head - options.reorgBuffer();
        return (Math.floorDiv(safe + 1, options.chunkSize())) * options.chunkSize() - 1;
    }

    /** Counts retries made before the run began (asking the head). */
    void retried(long times) {
        stats.retried(times);
    }

    /** Crawls up to {@code end}; the future completes with the summary, or fails with the crawl. */
    Future<CrawlSummary> start(long end) {
        progressTimer = vertx.setPeriodic(Math.max(1, options.progressEvery().toMillis()),
                id -> progress.accept(snapshot()));
        scheduler.start();
        scheduler.extendTo(end);
        return done.future();
    }

    @Override
    public void pump() {
        dispatcher.pump();
    }

    @Override
    public boolean failed() {
        return failed;
    }

    @Override
    public void idle() {
        if (failed) {
            return;
        }
        if (!options.follow() || stopping.getAsBoolean()) {
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
            if (stopping.getAsBoolean()) {
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
                    stats.retried(1);
                    pollHead();
                    return;
                }
                polling = false;
                head = Math.max(head, ar.result());
                scheduler.extendTo(followEnd(options, ar.result()));
            });
        });
    }

    /** Called on {@link Crawler#stop()}: a crawl waiting for the next poll finishes now; one with work finishes after it. */
    void stopWhenIdle() {
        if (polling && pollTimer >= 0 && vertx.cancelTimer(pollTimer)) {
            pollTimer = -1;
            polling = false;
            finish().onComplete(done);
        }
    }

    @Override
    public void fail(Throwable cause) {
        if (failed) {
            return;
        }
        failed = true;
        stopTimers();
        scheduler.releaseClaims();
        assembler.abort(scheduler.open()).onComplete(ar -> done.tryFail(cause));
    }

    private void stopTimers() {
        vertx.cancelTimer(progressTimer);
        scheduler.stop();
        vertx.cancelTimer(pollTimer);
    }

    private Future<CrawlSummary> finish() {
        stopTimers();
        CrawlProgress last = snapshot();
        progress.accept(last); // the final state, also for a crawl shorter than one report interval
        CrawlSummary summary = stats.summary(rangeText(), last, dispatcher.pace().concurrency(), dispatcher.pace().nextBlocks());
        Path outDir = options.outDir();
        return vertx.executeBlocking(() -> RunReport.write(outDir, summary, Instant.now()), false).map(p -> summary);
    }

    private String rangeText() {
        long planned = scheduler.planned();
        return planned >= first ? first + ":" + planned : first + ": (nothing yet)";
    }

    private CrawlProgress snapshot() {
        return stats.snapshot(scheduler.planned() - first + 1, dispatcher.pace().concurrency(), dispatcher.pace().nextBlocks());
    }
}
