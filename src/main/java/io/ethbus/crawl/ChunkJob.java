package io.ethbus.crawl;

import io.vertx.core.Future;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * One chunk being crawled: which blocks were sent for, the fetched runs waiting for an
 * earlier run to arrive, and the chunk's {@link ChunkOutput}. Blocks reach the output in block
 * order, through a chain of worker tasks that runs one at a time per chunk. The bookkeeping
 * fields are touched on the crawl's event loop only; the output only by the chunk's worker chain.
 */
final class ChunkJob {
    final Chunk chunk;
    final List<Dataset> datasets;
    private long nextToSend;
    private long nextToWrite;
    private final TreeMap<Long, Arrival> arrived = new TreeMap<>();
    /**
     * The last block read so far, not yet written: its hash is confirmed only by the parent
     * hash of the next block, in the next run to arrive. Null when none is waiting.
     */
    private BlockRows held;
    private Future<Void> writes = Future.succeededFuture();
    /** Rows written to the temporary files so far, per dataset: taken back when the files are dropped. */
    private final Map<Dataset, Long> rowsWritten = new HashMap<>();

    private final ChunkOutput output;

    /** A fetched run of blocks waiting for the runs before it; {@code reread}: read again after its links broke. */
    record Arrival(List<BlockRows> blocks, int attempt, boolean reread) {
    }

    ChunkJob(Chunk chunk, List<Dataset> datasets, ChunkOutput output) {
        this.chunk = chunk;
        this.datasets = List.copyOf(datasets);
        this.output = output;
        this.nextToSend = chunk.first();
        this.nextToWrite = chunk.first();
    }

    /** Whether every block of the chunk was sent for. */
    boolean allSent() {
        return nextToSend > chunk.last();
    }

    /** The next blocks to send for, at most {@code blocks} of them. */
    BlockRange nextToSend(int blocks) {
        return new BlockRange(nextToSend, Math.min(nextToSend + blocks - 1, chunk.last()));
    }

    /** The blocks {@link #nextToSend} gave were sent for. */
    void sent(BlockRange blocks) {
        nextToSend = blocks.last() + 1;
    }

    /** Keeps a fetched run until the runs before it are written. */
    void arrived(long first, Arrival run) {
        arrived.put(first, run);
    }

    /** The run that starts at the next block to write, taken out; null while it has not arrived. */
    Arrival nextInOrder() {
        return !arrived.isEmpty() && arrived.firstKey() == nextToWrite ? arrived.pollFirstEntry().getValue() : null;
    }

    /** The block read and not yet written, waiting for the next run to confirm its hash; or null. */
    BlockRows held() {
        return held;
    }

    /** A run of {@code blocks} went to the files; {@code waiting}, its last block, waits for the next run (or null). */
    void passed(int blocks, BlockRows waiting) {
        nextToWrite += blocks;
        held = waiting;
    }

    /** Blocks from {@code block} on are to be read again: nothing is held, the next to write is {@code block}. */
    void rewindTo(long block) {
        held = null;
        nextToWrite = block;
    }

    /** Whether every block of the chunk went to the files (or is on its way there). */
    boolean assembled() {
        return nextToWrite > chunk.last();
    }

    /** The chain of file work for this chunk: each step starts after the one before. */
    Future<Void> writes() {
        return writes;
    }

    /** Appends a step to the chain of file work. */
    void thenWrite(Function<Future<Void>, Future<Void>> step) {
        writes = step.apply(writes);
    }

    /** Counts rows that reached the temporary files. */
    void counted(Map<Dataset, Long> rows) {
        rows.forEach((d, n) -> rowsWritten.merge(d, n, Long::sum));
    }

    /** The rows counted so far, forgotten: the files that held them were dropped. */
    Map<Dataset, Long> takeBackRows() {
        Map<Dataset, Long> rows = new HashMap<>(rowsWritten);
        rowsWritten.clear();
        return rows;
    }

    /** A fresh job for the same chunk, for when this one's output was dropped. */
    ChunkJob again() {
        return new ChunkJob(chunk, datasets, output.again());
    }

    /** Appends consecutive blocks to the chunk's output. Blocking. Returns rows per dataset. */
    Map<Dataset, Long> write(List<BlockRows> blocks) throws IOException {
        Map<Dataset, Long> counts = new HashMap<>();
        for (BlockRows block : blocks) {
            for (Dataset d : datasets) {
                List<Row> rows = block.rows().get(d);
                output.write(d, rows);
                counts.merge(d, (long) rows.size(), Long::sum);
            }
        }
        return counts;
    }

    /** Makes the chunk's rows visible at once. Blocking. Returns what was written. */
    List<String> commit() throws IOException {
        return output.commit();
    }

    /** Drops whatever was written. Blocking; never throws. */
    void abort() {
        output.abort();
    }
}
