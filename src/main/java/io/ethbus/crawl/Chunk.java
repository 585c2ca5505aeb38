package io.ethbus.crawl;

import java.util.Locale;

/** The blocks one set of output files covers, {@code first..last} inclusive. */
public record Chunk(long first, long last) {
    public Chunk {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("invalid chunk " + first + ".." + last);
        }
    }

    public int size() {
        return Math.toIntExact(last - first + 1);
    }

    /** The file name without extension: {@code blocks__00001000_to_00001999}. */
    public String fileStem(Dataset dataset) {
        return String.format(Locale.ROOT, "%s__%08d_to_%08d", dataset.wireName(), first, last);
    }
}
