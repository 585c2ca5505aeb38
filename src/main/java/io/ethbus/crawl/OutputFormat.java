package io.ethbus.crawl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The file formats a crawl writes; all carry the same columns. */
public enum OutputFormat {
    PARQUET("parquet"),
    CSV("csv"),
    JSONL("jsonl");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** Opens a writer that creates {@code file}. Blocking: call from a worker thread. */
    public RowWriter open(Path file, List<Column> columns) throws IOException {
        return switch (this) {
            case PARQUET -> new ParquetRowWriter(file, columns);
            case CSV -> new CsvRowWriter(file, columns);
            case JSONL -> new JsonlRowWriter(file, columns);
        };
    }

    /** Parses {@code parquet}, {@code csv} or {@code jsonl}; throws {@link CrawlConfigException} otherwise. */
    public static OutputFormat parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(t)).findFirst()
                .orElseThrow(() -> new CrawlConfigException("unknown format '" + text + "'; known: "
                        + Arrays.stream(values()).map(OutputFormat::extension).collect(Collectors.joining(", "))));
    }
}
