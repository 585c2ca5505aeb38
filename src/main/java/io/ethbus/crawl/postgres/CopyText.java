package io.ethbus.crawl.postgres;

import io.ethbus.crawl.Row;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Rows in the text format of {@code COPY ... FROM STDIN}: values separated by tabs, one row a
 * line, {@code \N} for null, backslash, tab, newline and carriage return escaped.
 */
final class CopyText {
    private static final byte[] NULL = {'\\', 'N'};

    private CopyText() {
    }

    static void write(Row row, OutputStream out) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.write('\t');
            }
            Object v = row.get(i);
            if (v == null) {
                out.write(NULL);
            } else if (v instanceof String s) {
                text(s, out);
            } else {
                // Long or Boolean: no character that needs escaping
                out.write(v.toString().getBytes(StandardCharsets.US_ASCII));
            }
        }
        out.write('\n');
    }

    private static void text(String s, OutputStream out) throws IOException {
        // String.replace returns the string itself when there is nothing to replace: hex and decimals cost a scan
        String escaped = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
        out.write(escaped.getBytes(StandardCharsets.UTF_8));
    }
}
