package io.ethbus.crawl.postgres;

import io.ethbus.crawl.Row;

/**
 * Rows in the text format of {@code COPY ... FROM STDIN}: values separated by tabs, one row a
 * line, {@code \N} for null, backslash, tab, newline and carriage return escaped.
 */
final class CopyText {
    private CopyText() {
    }

    /** Appends {@code row} as one line to {@code out}. */
    static void append(Row row, StringBuilder out) {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = row.get(i);
            if (v == null) {
                out.append("\\N");
            } else if (v instanceof String s) {
                text(s, out);
            } else if (v instanceof Long l) {
                out.append(l.longValue());
            } else {
                // Boolean: no character that needs escaping
                out.append(v);
            }
        }
        out.append('\n');
    }

    private static void text(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                escaped(s, out);
                return;
            }
        }
        // the common case, hex and decimals: nothing to escape
        out.append(s);
    }

    private static void escaped(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
