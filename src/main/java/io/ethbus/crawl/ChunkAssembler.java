package io.ethbus.crawl;

import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.MalformedResponseException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts the fetched runs of a chunk into its files: in block order, whatever order the runs
 * arrive in; each block only once it links to the blocks around it (a run that does not is
 * read again, a second break is a reorganisation); then the chunk's files move into place, or
 * are dropped when this crawler's claim lapsed. File work runs on worker threads, one step at a
 * time per chunk. Crawl context only.
 */
final class ChunkAssembler {
    private final Vertx vertx;
    /** The node's URL, masked, for the message of a run that does not link. */
    private final String endpoint;
    private final RunStats stats;
    private final RunControl control;
    private final ChunkScheduler scheduler;
    private final BatchDispatcher dispatcher;
    private final ChainLinks links = new ChainLinks();
    /** Hashes of the last blocks that passed the link checks: where a repair looks for the fork. */
    private final TreeMap<Long, String> passed = new TreeMap<>();
    private static final int PASSED_KEPT = 256;

    ChunkAssembler(Vertx vertx, String endpoint, RunStats stats, RunControl control,
                   ChunkScheduler scheduler, BatchDispatcher dispatcher) {
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.stats = stats;
        this.control = control;
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
    }

    /** The rows of a fetched batch: written with the runs before it, once those are there. */
    void arrived(BlockBatch w, List<BlockRows> rows) {
        ChunkJob job = w.job();
        job.arrived(w.first(), new ChunkJob.Arrival(rows, w.attempt(), w.reread()));
        for (ChunkJob.Arrival run = job.nextInOrder(); run != null; run = job.nextInOrder()) {
            List<BlockRows> blocks = run.blocks();
            BlockRows last = blocks.get(blocks.size() - 1);
            List<BlockRows> release = new ArrayList<>(blocks.size() + 1);
            if (job.held() != null) {
                release.add(job.held());
            }
            release.addAll(blocks);
            // the last block waits for the next run's first parent hash, unless the header after the chunk confirmed it
            boolean chunkEnd = last.number() == job.chunk.last();
            List<BlockRows> toWrite = chunkEnd ? release : release.subList(0, release.size() - 1);
            String broken = linkBreak(job.held(), blocks.get(0), toWrite);
            if (broken != null) {
                readAgain(job, run, release, broken);
                return;
            }
            toWrite.forEach(b -> {
                links.add(b.number(), b.hash(), b.parentHash());
                passed.put(b.number(), b.hash());
            });
            while (passed.size() > PASSED_KEPT) {
                passed.pollFirstEntry();
            }
            job.passed(blocks.size(), chunkEnd ? null : last);
            write(job, List.copyOf(toWrite));
        }
        if (job.assembled()) {
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
            control.fail(new ChainReorgException("the chain changed under the crawl: " + broken + ", also when read again. A "
                    + "reorganisation deeper than the reorg buffer (or a crawl near the head without --follow); files "
                    + "written before this may hold the old branch: crawl their range again with --overwrite", passed,
                    release.get(0).number(), scheduler.planned()));
            return;
        }
        job.rewindTo(release.get(0).number());
        stats.fetched(-release.size());
        long heldBytes = release.stream().mapToLong(BlockRows::answerBytes).sum();
        BlockBatch again = new BlockBatch(job, release.get(0).number(), release.get(release.size() - 1).number(),
                run.attempt(), true, heldBytes);
        dispatcher.failed(again, new MalformedResponseException(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), endpoint, broken));
    }

    private void write(ChunkJob job, List<BlockRows> blocks) {
        dispatcher.processing();
        job.thenWrite(writes -> writes
                .compose(v -> vertx.executeBlocking(() -> job.write(blocks), false))
                .map(counts -> {
                    stats.rows(counts);
                    job.counted(counts);
                    dispatcher.processed(blocks.stream().mapToLong(BlockRows::answerBytes).sum());
                    control.pump();
                    return null;
                }));
    }

    /** Moves the chunk's files into place once its writes are done, if the chunk is still this crawler's. */
    private void commit(ChunkJob job) {
        Future<Boolean> committed = job.writes()
                .compose(v -> scheduler.confirm(job))
                .compose(mine -> vertx.executeBlocking(() -> {
                    if (mine) {
                        return job.commit();
                    }
                    job.abort();
                    return null;
                }, false))
                .map(written -> {
                    if (written == null) {
                        // dropped: the rows counted for its output are taken back
                        stats.rows(negated(job));
                        return false;
                    }
                    stats.written(written);
                    return true;
                });
        job.thenWrite(writes -> committed.mapEmpty());
        committed.onComplete(ar -> {
            if (ar.failed()) {
                control.fail(new CrawlException("writing chunk " + job.chunk.first() + ".." + job.chunk.last()
                        + " failed: " + ar.cause().getMessage(), ar.cause()));
                return;
            }
            scheduler.closed(job, ar.result());
        });
    }

    private static Map<Dataset, Long> negated(ChunkJob job) {
        Map<Dataset, Long> rows = job.takeBackRows();
        rows.replaceAll((d, n) -> -n);
        return rows;
    }

    /** Deletes the temporary files of {@code jobs}, each after the file work under way: the crawl failed. */
    Future<Void> abort(List<ChunkJob> jobs) {
        List<Future<Void>> aborts = new ArrayList<>();
        for (ChunkJob job : jobs) {
            aborts.add(job.writes().transform(ar -> vertx.executeBlocking(() -> {
                job.abort();
                return null;
            }, false)));
        }
        return Future.join(aborts).transform(ar -> Future.succeededFuture());
    }
}
