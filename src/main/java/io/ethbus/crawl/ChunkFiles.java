package io.ethbus.crawl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk's files on their way into a directory: one temporary file per dataset, named for
 * its writer, moved to the final name at commit after the shorter files of the same blocks
 * are deleted, so a final name always means a complete file.
 */
final class ChunkFiles implements ChunkOutput {
    private final Path outDir;
    private final OutputFormat format;
    private final Chunk chunk;
    private final List<Dataset> datasets;
    /** The crawler writing this chunk, in its temporary file names. */
    private final String writer;
    /** Per dataset, the files of blocks within this chunk (written when the chain was shorter) that its file replaces. */
    private final Map<Dataset, List<Path>> replaces;
    private final Map<Dataset, RowWriter> writers = new LinkedHashMap<>();

    ChunkFiles(Path outDir, OutputFormat format, Chunk chunk, List<Dataset> datasets, String writer,
               Map<Dataset, List<Path>> replaces) {
        this.outDir = outDir;
        this.format = format;
        this.chunk = chunk;
        this.datasets = List.copyOf(datasets);
        this.writer = writer;
        this.replaces = Map.copyOf(replaces);
    }

    private ChunkFile file(Dataset dataset) {
        return new ChunkFile(outDir, chunk, dataset, format);
    }

    @Override
    public void write(Dataset dataset, List<Row> rows) throws IOException {
        if (writers.isEmpty()) {
            Files.createDirectories(outDir);
            for (Dataset d : datasets) {
                Path temp = file(d).tempPath(writer);
                // a leftover of this writer's is never trusted: start the file afresh
                Files.deleteIfExists(temp);
                writers.put(d, format.open(temp, d.columns()));
            }
        }
        RowWriter w = writers.get(dataset);
        for (Row row : rows) {
            w.write(row);
        }
    }

    /**
     * Finishes every file and moves it to its final name, first deleting the shorter files it
     * replaces: a block is never in two files, though for a moment in none. Returns the final
     * paths, relative to the output directory.
     */
    @Override
    public List<String> commit() throws IOException {
        List<String> done = new ArrayList<>();
        for (Dataset d : datasets) {
            writers.remove(d).close();
            for (Path shorter : replaces.getOrDefault(d, List.of())) {
                Files.deleteIfExists(shorter);
            }
            ChunkFile f = file(d);
            f.commit(writer);
            done.add(outDir.relativize(f.finalPath()).toString());
        }
        return done;
    }

    @Override
    public void abort() {
        for (Map.Entry<Dataset, RowWriter> e : writers.entrySet()) {
            try {
                e.getValue().close();
            } catch (IOException | RuntimeException ignored) {
                // the file is deleted next
            }
            try {
                Files.deleteIfExists(file(e.getKey()).tempPath(writer));
            } catch (IOException ignored) {
                // a stray temporary file is never taken as complete
            }
        }
        writers.clear();
    }

    @Override
    public ChunkOutput again() {
        return new ChunkFiles(outDir, format, chunk, datasets, writer, replaces);
    }
}
