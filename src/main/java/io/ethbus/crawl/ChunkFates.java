package io.ethbus.crawl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a crawl would do with each chunk of its plan, for {@code --dry}: skip it (every dataset
 * already stored), write it, or write it over what is stored ({@code --overwrite}), told in runs
 * of chunks of the same fate by block range, as cryo's dry run tells the chunks it has.
 *
 * <pre>ChunkFates.lines(plan, datasets, sink.look(), false, "files")</pre>
 */
public final class ChunkFates {
    private ChunkFates() {
    }

    /**
     * A count line, then one line per run.
     *
     * @param stored   what the sink holds, or null when it holds nothing yet
     * @param storedAs how the sink holds a chunk, for people ("files", "ethbus_chunks")
     */
    public static List<String> lines(List<Chunk> chunks, List<Dataset> datasets, StoredChunks stored, boolean overwrite,
                                     String storedAs) {
        List<String> runs = new ArrayList<>();
        String runFate = null;
        Chunk runFirst = null;
        Chunk runLast = null;
        int runChunks = 0;
        int skipped = 0;
        for (Chunk c : chunks) {
            String fate = fate(c, datasets, stored, overwrite);
            skipped += fate.equals(SKIPPED) ? 1 : 0;
            if (!fate.equals(runFate)) {
                if (runFate != null) {
                    runs.add(run(runFate, runFirst, runLast, runChunks));
                }
                runFate = fate;
                runFirst = c;
                runChunks = 0;
            }
            runLast = c;
            runChunks++;
        }
        if (runFate != null) {
            runs.add(run(runFate, runFirst, runLast, runChunks));
        }
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "chunks: %d recorded in %s (skipped), %d to write", skipped, storedAs,
                chunks.size() - skipped));
        runs.forEach(r -> out.add("  " + r));
        return out;
    }

    private static final String SKIPPED = "recorded, skipped";

    private static String fate(Chunk c, List<Dataset> datasets, StoredChunks stored, boolean overwrite) {
        if (stored == null) {
            return "to write";
        }
        if (!overwrite && datasets.stream().allMatch(d -> stored.covers(c, d))) {
            return SKIPPED;
        }
        return overwrite && datasets.stream().anyMatch(d -> stored.covers(c, d)) ? "to write over what is recorded" : "to write";
    }

    private static String run(String fate, Chunk first, Chunk last, int chunks) {
        return fate + ": blocks " + first.first() + ".." + last.last() + " (" + chunks + (chunks == 1 ? " chunk)" : " chunks)");
    }
}
