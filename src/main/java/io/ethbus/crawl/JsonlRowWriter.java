package io.ethbus.crawl;

import io.ethbus.rpc.JsonBytes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One JSON object per line, keys in column order; nulls are written as JSON null. Writes the
 * bytes itself: row values are hex, decimal digits and numbers, so the common case is a
 * plain copy, and a general JSON generator spent more time on its bookkeeping than on them.
 */
final class JsonlRowWriter implements RowWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    /** {@code {"name":} for the first column, {@code ,"name":} for the others: encoded once. */
    private final byte[][] keys;
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int used;

    JsonlRowWriter(Path file, List<Column> columns) throws IOException {
        this.keys = new byte[columns.size()][];
        for (int i = 0; i < keys.length; i++) {
            StringBuilder key = new StringBuilder(i == 0 ? "{" : ",");
            quote(columns.get(i).name(), key);
            keys[i] = key.append(':').toString().getBytes(StandardCharsets.UTF_8);
        }
        this.out = Files.newOutputStream(file);
    }

    @Override
    public void write(Row row) throws IOException {
        for (int i = 0; i < keys.length; i++) {
            put(keys[i]);
            Object v = row.get(i);
            if (v == null) {
                put(NULL);
            } else if (v instanceof String text) {
                string(text);
            } else if (v instanceof Long l) {
                number(l);
            } else if (v instanceof Boolean b) {
                put(b ? TRUE : FALSE);
            } else {
                string(v.toString());
            }
        }
        if (keys.length == 0) {
            put((byte) '{');
        }
        put((byte) '}');
        put((byte) '\n');
    }

    @Override
    public void close() throws IOException {
        try (out) {
            flush();
        }
    }

    private void string(String s) throws IOException {
        // for ASCII text (hex, digits) UTF-8 is one copy of the String's own bytes
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (JsonBytes.plainRun(utf8, 0, utf8.length) < utf8.length) {
            put((byte) '"');
            escapedString(s, 0);
            return;
        }
        put((byte) '"');
        put(utf8);
        put((byte) '"');
    }

    /** The rest of {@code s} from {@code from}, with JSON escapes and UTF-8 for what needs it. */
    private void escapedString(String s, int from) throws IOException {
        StringBuilder rest = new StringBuilder(s.length() - from + 8);
        quote(s.substring(from), rest);
        put(rest.substring(1).getBytes(StandardCharsets.UTF_8));
    }

    private void number(long l) throws IOException {
        ensure(20);
        if (l >= 0 && l < 10) {
            buf[used++] = (byte) ('0' + l);
            return;
        }
        put(Long.toString(l).getBytes(StandardCharsets.US_ASCII));
    }

    /** {@code s} as a quoted JSON string into {@code sb}. */
    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append((char) HEX[c >> 4]).append((char) HEX[c & 0xf]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private void put(byte b) throws IOException {
        ensure(1);
        buf[used++] = b;
    }

    private void put(byte[] bytes) throws IOException {
        if (bytes.length > buf.length) {
            flush();
            out.write(bytes);
            return;
        }
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, used, bytes.length);
        used += bytes.length;
    }

    /** Room for {@code n} more bytes, for {@code n} up to the buffer's size. */
    private void ensure(int n) throws IOException {
        if (used + n > buf.length) {
            flush();
        }
    }

    private void flush() throws IOException {
        out.write(buf, 0, used);
        used = 0;
    }
}
