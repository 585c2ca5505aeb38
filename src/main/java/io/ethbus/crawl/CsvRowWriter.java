package io.ethbus.crawl;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** RFC 4180 CSV with a header line; a null is an empty field. */
final class CsvRowWriter implements RowWriter {
    private final BufferedWriter out;

    CsvRowWriter(Path file, List<Column> columns) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(columns.get(i).name());
        }
        out.write("\r\n");
    }

    @Override
    public void write(Row row) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            Object v = row.get(i);
            if (v != null) {
                writeField(v.toString());
            }
        }
        out.write("\r\n");
    }

    private void writeField(String s) throws IOException {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.write(s);
            return;
        }
        out.write('"');
        out.write(s.replace("\"", "\"\""));
        out.write('"');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
