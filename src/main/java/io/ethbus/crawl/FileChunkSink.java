package io.ethbus.crawl;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Chunks as files in a directory, one per chunk and dataset, committed by rename
 * ({@link ChunkFile}); the files are the record of what is done, and a run's summary goes to
 * {@code .ethbus/} beside them.
 */
public final class FileChunkSink implements ChunkSink {
    private final Path outDir;
    private final OutputFormat format;

    public FileChunkSink(Path outDir, OutputFormat format) {
        this.outDir = outDir;
        this.format = format;
    }

    /** Deletes the temporary files of writers that are gone (killed runs). */
    @Override
    public void prepare(List<Dataset> datasets) throws IOException {
        OutputDirectory.scan(outDir, format).deleteStrayTemporaryFiles();
    }

    @Override
    public StoredChunks look() throws IOException {
        return OutputDirectory.scan(outDir, format);
    }

    /** The output directory and format name a chunk, so that unrelated crawls do not meet. */
    @Override
    public String claimKey(Chunk chunk) {
        return outDir + "/" + chunk.first() + "-" + chunk.last() + "." + format.extension();
    }

    @Override
    public String report(CrawlSummary summary, Instant finishedAt) throws IOException {
        return RunReport.write(outDir, summary, finishedAt).toString();
    }

    @Override
    public String describe() {
        return outDir + " (" + format.extension() + ")";
    }
}
