package io.ethbus.crawl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which chunk a crawl works on next: plans the chunks of a range (skipping those whose files
 * exist), claims them in a {@link ChunkLedger} when one is shared, renews the claims while
 * they are worked on, asks again for chunks another crawler holds, and takes back a chunk whose
 * claim lapsed. A few chunks are open at once. Crawl context only.
 */
final class ChunkScheduler {
    /** Chunks with open files at once: enough that a slow chunk does not stall the others. */
    private static final int MAX_OPEN_CHUNKS = 4;

    /** What claiming a chunk found. */
    private enum Claim { MINE, HELD, DONE }

    private final Vertx vertx;
    private final CrawlOptions options;
    /** Null when this crawler works alone. */
    private final ChunkLedger ledger;
    /** This crawler's name in its temporary file names. */
    private final String writer;
    private final RunStats stats;
    private final RunControl control;
    /** The last block planned so far; grows when following. */
    private long planned;
    private final Deque<ChunkJob> waiting = new ArrayDeque<>();
    private final List<ChunkJob> open = new ArrayList<>();
    private ChunkJob sending;
    private int chunksLeft;
    /** With a ledger: chunks claimed and not yet sending, chunks another crawler holds, a claim under way. */
    private final Deque<ChunkJob> claimed = new ArrayDeque<>();
    private final List<ChunkJob> heldElsewhere = new ArrayList<>();
    private boolean claiming;
    private long recheckTimer = -1;
    private long renewTimer = -1;

    ChunkScheduler(Vertx vertx, CrawlOptions options, ChunkLedger ledger, String writer, long first, RunStats stats,
                   RunControl control) {
        this.vertx = vertx;
        this.options = options;
        this.ledger = ledger;
        this.writer = writer;
        this.planned = first - 1;
        this.stats = stats;
        this.control = control;
    }

    /** Starts renewing claims, with a ledger. */
    void start() {
        if (ledger != null) {
            renewTimer = vertx.setPeriodic(Math.max(1, ledger.renewEvery().toMillis()), id -> renewClaims());
        }
    }

    /** The last block planned so far. */
    long planned() {
        return planned;
    }

    /** Plans the chunks after the planned ones up to {@code end}; when nothing is left to do, the crawl is idle. */
    void extendTo(long end) {
        if (end <= planned) {
            control.idle();
            return;
        }
        BlockRange range = new BlockRange(planned + 1, end);
        List<Chunk> plan = new ChunkPlan(range, options.chunkSize()).chunks();
        planned = end;
        stats.planned(plan.size());
        // checking which files exist is file I/O: off the event loop
        vertx.executeBlocking(() -> jobs(plan), false).onComplete(ar -> {
            if (ar.failed()) {
                control.fail(new CrawlException("checking the output directory failed: " + ar.cause().getMessage(),
                        ar.cause()));
                return;
            }
            List<ChunkJob> jobs = ar.result();
            long blocksToDo = 0;
            for (ChunkJob j : jobs) {
                blocksToDo += j.chunk.size();
            }
            stats.skipped(plan.size() - jobs.size(), range.size() - blocksToDo);
            waiting.addAll(jobs);
            chunksLeft += jobs.size();
            if (chunksLeft == 0) {
                control.idle();
            } else {
                control.pump();
            }
        });
    }

    /** The chunks with a dataset no file covers yet, each with the shorter files its files replace. */
    private List<ChunkJob> jobs(List<Chunk> plan) throws IOException {
        OutputDirectory existing = OutputDirectory.scan(options.outDir(), options.format());
        List<ChunkJob> jobs = new ArrayList<>();
        for (Chunk c : plan) {
            List<Dataset> missing = options.datasets().stream()
                    .filter(d -> options.overwrite() || !existing.covers(c, d))
                    .toList();
            if (!missing.isEmpty()) {
                Map<Dataset, List<Path>> replaces = new HashMap<>();
                missing.forEach(d -> replaces.put(d, existing.within(c, d)));
                jobs.add(new ChunkJob(c, missing, options.outDir(), options.format(), writer, replaces));
            }
        }
        return jobs;
    }

    /**
     * The chunk to send for next, opened when the one before is all sent; null when none may
     * open now (then, with a ledger, the next is claimed and the crawl pumped once it is).
     */
    ChunkJob sending() {
        if (sending == null || sending.allSent()) {
            Deque<ChunkJob> mine = ledger == null ? waiting : claimed;
            if (mine.isEmpty() || open.size() >= MAX_OPEN_CHUNKS) {
                claimMore();
                return null;
            }
            sending = mine.poll();
            open.add(sending);
        }
        return sending;
    }

    /** With a ledger: claims the next waiting chunk, one claim at a time, a few chunks ahead of the sending. */
    private void claimMore() {
        if (ledger == null || claiming || control.failed() || open.size() + claimed.size() >= MAX_OPEN_CHUNKS) {
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
                    if (control.failed()) {
                        return;
                    }
                    Claim claim = ar.succeeded() ? ar.result() : Claim.HELD; // the ledger may recover: ask later
                    switch (claim) {
                        case MINE -> claimed.add(job);
                        case HELD -> heldElsewhere.add(job);
                        case DONE -> {
                            ledger.release(key);
                            stats.skipped(1, job.chunk.size());
                            if (--chunksLeft == 0) {
                                control.idle();
                                return;
                            }
                        }
                    }
                    control.pump();
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
            control.pump();
        });
    }

    /**
     * Whether the chunk is still this crawler's, asked right before its files move into place.
     * A ledger that cannot answer is no confirmation: the chunk is asked for again.
     */
    Future<Boolean> confirm(ChunkJob job) {
        return ledger == null ? Future.succeededFuture(true) : ledger.confirm(ledgerKey(job.chunk)).otherwise(false);
    }

    /**
     * A chunk is closed: its files are in place ({@code written}), or they were dropped because
     * this crawler's claim lapsed during a long pause; then the chunk is asked for again later,
     * when its new holder has written it (then it is skipped) or has died (then it is done again).
     */
    void closed(ChunkJob job, boolean written) {
        open.remove(job);
        if (!written) {
            heldElsewhere.add(job.again());
            control.pump();
            return;
        }
        if (ledger != null) {
            ledger.release(ledgerKey(job.chunk));
        }
        if (--chunksLeft == 0 && !control.failed()) {
            control.idle();
        } else {
            control.pump();
        }
    }

    /** The chunks with files open: deleted when the crawl fails. */
    List<ChunkJob> open() {
        return List.copyOf(open);
    }

    /** Stops renewing claims and asking again for chunks held elsewhere: the crawl ended. */
    void stop() {
        vertx.cancelTimer(renewTimer);
        vertx.cancelTimer(recheckTimer);
    }

    /** Gives up every claim: the crawl failed, so that other crawlers take the chunks over at once. */
    void releaseClaims() {
        if (ledger != null) {
            open.forEach(job -> ledger.release(ledgerKey(job.chunk)));
            claimed.forEach(job -> ledger.release(ledgerKey(job.chunk)));
        }
    }

    private void renewClaims() {
        open.forEach(job -> ledger.renew(ledgerKey(job.chunk)));
        claimed.forEach(job -> ledger.renew(ledgerKey(job.chunk)));
    }

    /** The chunk's name in the ledger: the output directory and format, so that unrelated crawls do not meet. */
    private String ledgerKey(Chunk c) {
        return options.outDir() + "/" + c.first() + "-" + c.last() + "." + options.format().extension();
    }

    private boolean isComplete(Chunk c) {
        return options.datasets().stream().allMatch(d -> new ChunkFile(options.outDir(), c, d, options.format()).isComplete());
    }
}
