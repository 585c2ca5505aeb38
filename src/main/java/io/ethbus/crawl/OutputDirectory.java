package io.ethbus.crawl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chunk files found in an output directory at one moment, read with one listing: which
 * chunks a file already covers, which files a new chunk file replaces (those of blocks it
 * contains: a partial chunk written when the chain was shorter), and the temporary files of
 * writers that are gone. Blocking I/O: used off the event loop.
 */
final class OutputDirectory implements StoredChunks {
    private static final Pattern NAME = Pattern.compile("([a-z0-9]+(?:_[a-z0-9]+)*)__(\\d{8,})_to_(\\d{8,})\\.(.+)");

    /** Per dataset's wire name: first block of each file to the files starting there, by last block. */
    private final Map<String, TreeMap<Long, TreeMap<Long, Path>>> files = new HashMap<>();
    private final List<Path> strayTemporaryFiles = new ArrayList<>();

    private final Path directory;
    private final OutputFormat format;

    private OutputDirectory(Path directory, OutputFormat format) {
        this.directory = directory;
        this.format = format;
    }

    /** Lists {@code directory}'s chunk files of {@code format}; a missing directory has none. */
    static OutputDirectory scan(Path directory, OutputFormat format) throws IOException {
        OutputDirectory out = new OutputDirectory(directory, format);
        String extension = format.extension();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    out.temporary(p, name);
                } else {
                    out.chunkFile(p, name, extension);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        }
        return out;
    }

    private void chunkFile(Path p, String name, String extension) {
        Matcher m = NAME.matcher(name);
        if (!m.matches() || !m.group(4).equals(extension)) {
            return;
        }
        files.computeIfAbsent(m.group(1), k -> new TreeMap<>())
                .computeIfAbsent(Long.parseLong(m.group(2)), k -> new TreeMap<>()).put(Long.parseLong(m.group(3)), p);
    }

    /** A temporary file {@code .<chunk file name>.<writer>.tmp} whose writer is gone is stray. */
    private void temporary(Path p, String name) {
        String inner = name.substring(1, name.length() - ".tmp".length());
        int dot = inner.lastIndexOf('.');
        if (dot > 0 && NAME.matcher(inner.substring(0, dot)).matches()
                && WriterName.parse(inner.substring(dot + 1)).map(WriterName::isGone).orElse(false)) {
            strayTemporaryFiles.add(p);
        }
    }

    /** True when a file of {@code dataset} holds every block of {@code chunk}: the chunk's own, or a longer one. */
    @Override
    public boolean covers(Chunk chunk, Dataset dataset) {
        TreeMap<Long, TreeMap<Long, Path>> byFirst = files.get(dataset.wireName());
        if (byFirst == null) {
            return false;
        }
        for (TreeMap<Long, Path> byLast : byFirst.headMap(chunk.first(), true).values()) {
            if (byLast.ceilingKey(chunk.last()) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The files of {@code dataset} whose blocks all lie in {@code chunk}, other than the
     * chunk's own: what the chunk's file replaces, so that no block is in two files.
     */
    private List<Path> within(Chunk chunk, Dataset dataset) {
        TreeMap<Long, TreeMap<Long, Path>> byFirst = files.get(dataset.wireName());
        List<Path> out = new ArrayList<>();
        if (byFirst == null) {
            return out;
        }
        for (Map.Entry<Long, TreeMap<Long, Path>> e : byFirst.subMap(chunk.first(), true, chunk.last(), true).entrySet()) {
            long first = e.getKey();
            e.getValue().headMap(chunk.last(), true).forEach((last, p) -> {
                if (first != chunk.first() || last != chunk.last()) {
                    out.add(p);
                }
            });
        }
        return out;
    }

    /** The chunk's files, replacing the shorter files of its blocks listed now. */
    @Override
    public ChunkOutput open(Chunk chunk, List<Dataset> datasets, String writer) {
        Map<Dataset, List<Path>> replaces = new HashMap<>();
        datasets.forEach(d -> replaces.put(d, within(chunk, d)));
        return new ChunkFiles(directory, format, chunk, datasets, writer, replaces);
    }

    /** Deletes the temporary files whose writers are gone (killed runs); returns how many. */
    int deleteStrayTemporaryFiles() throws IOException {
        int n = 0;
        for (Path p : strayTemporaryFiles) {
            if (Files.deleteIfExists(p)) {
                n++;
            }
        }
        return n;
    }
}
