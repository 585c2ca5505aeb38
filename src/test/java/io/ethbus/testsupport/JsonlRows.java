package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonRpcCodec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The rows of a crawl's JSONL files, for tests that check what a crawl wrote. */
public final class JsonlRows {
    private JsonlRows() {
    }

    /** Every row of the files in {@code dir} whose names start with {@code prefix}, files in name order. */
    public static List<JsonNode> read(Path dir, String prefix) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        rows.add(JsonRpcCodec.mapper().readTree(line));
                    }
                }
            }
        }
        return rows;
    }
}
