package io.ethbus.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonRpcCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSONL writer's own bytes read back by Jackson: every value as it was, one object per line. */
class JsonlRowWriterTest {
    @TempDir
    Path dir;

    @Test
    void everyValueReadsBackAsWritten() throws Exception {
        List<Column> columns = List.of(
                new Column("hash", ColumnType.HEX, "a hash"),
                new Column("n", ColumnType.INT64, "a number"),
                new Column("ok", ColumnType.BOOLEAN, "a flag"),
                new Column("we\"ird\\name", ColumnType.DECIMAL, "a name to escape"));
        String big = "0x" + "ab".repeat(70_000);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("0x" + "12".repeat(32), 0L, true, "115792089237316195423570985008687907853269984665640564039457584007913129639935"));
        rows.add(Row.of(null, Long.MIN_VALUE, false, null));
        rows.add(Row.of("quote \" backslash \\ tab \t nl \n ctl \u0001 del \u007f", 7L, null, "\u00e9\u4e2d\ud83d\ude00"));
        rows.add(Row.of(big, Long.MAX_VALUE, true, "x"));
        for (long i = 0; i < 5_000; i++) {
            rows.add(Row.of("0x" + Long.toHexString(i), i * 1_000_003L, i % 2 == 0, Long.toString(i)));
        }
        Path file = dir.resolve("rows.jsonl");
        try (JsonlRowWriter w = new JsonlRowWriter(file, columns)) {
            for (Row r : rows) {
                w.write(r);
            }
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(rows.size(), lines.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode node = JsonRpcCodec.mapper().readTree(lines.get(i));
            assertEquals(columns.size(), node.size(), "line " + i);
            for (int c = 0; c < columns.size(); c++) {
                JsonNode v = node.get(columns.get(c).name());
                Object expected = rows.get(i).get(c);
                Object actual = v.isNull() ? null : v.isBoolean() ? v.booleanValue() : v.isIntegralNumber() ? v.longValue() : v.textValue();
                assertEquals(expected, actual, "line " + i + " column " + columns.get(c).name());
            }
        }
        assertTrue(Files.readString(file).endsWith("}\n"));
    }
}
