package io.ethbus.crawl;

import io.ethbus.rpc.JsonRpcCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes a run's {@link CrawlSummary} as JSON into {@code outDir/.ethbus/}. */
final class RunReport {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private RunReport() {
    }

    /** Blocking: call from a worker. Returns the report's path. */
    static Path write(Path outDir, CrawlSummary summary, Instant finishedAt) throws IOException {
        Path dir = outDir.resolve(".ethbus");
        Files.createDirectories(dir);
        Path file = dir.resolve("crawl-" + STAMP.format(finishedAt) + ".json");
        JsonRpcCodec.mapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), summary);
        return file;
    }
}
