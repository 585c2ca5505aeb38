package io.ethbus.crawl.postgres;

import io.ethbus.crawl.ColumnType;
import io.ethbus.crawl.Row;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of one dataset in the binary format of {@code COPY ... FROM STDIN WITH (FORMAT binary)},
 * gathered in a growing byte array: per row the field count, then each value as its length and
 * the type's wire form (-1 for null). The server stores bigint, numeric and boolean values as
 * they arrive instead of parsing their text (a quarter less server time for the transactions
 * table), and nothing needs escaping. Stream {@link #HEADER} first and {@link #TRAILER} last.
 */
final class CopyBinary {
    /** The signature, no flags, no header extension. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** A field count of -1 ends the data. */
    static final byte[] TRAILER = {(byte) 0xff, (byte) 0xff};
    private static final int NUMERIC_NEGATIVE = 0x4000;
    /** jsonb's binary form: this version byte, then the JSON text. */
    private static final byte JSONB_VERSION = 1;

    private final ColumnType[] types;
    private byte[] buf;
    private int len;
    /** numeric's base-10000 digits of the value being written; 78 decimal digits take 20. */
    private short[] digits = new short[20];

    CopyBinary(List<ColumnType> types, int capacity) {
        this.types = types.toArray(ColumnType[]::new);
        this.buf = new byte[capacity];
    }

    /** Bytes gathered since the last {@link #writeTo}. */
    int size() {
        return len;
    }

    /** Writes out the gathered bytes and empties the buffer. */
    void writeTo(OutputStream out) throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }

    /** Appends {@code row}, whose values are in the column types' Java forms (Long, String, Boolean). */
    void append(Row row) {
        putShort(types.length);
        for (int i = 0; i < types.length; i++) {
            Object v = row.get(i);
            if (v == null) {
                putInt(-1);
                continue;
            }
            switch (types[i]) {
                case INT64 -> {
                    putInt(8);
                    putLong(((Number) v).longValue());
                }
                case HEX, STRING -> text(v.toString(), false);
                case DECIMAL -> numeric(v.toString());
                case BOOLEAN -> {
                    putInt(1);
                    ensure(1);
                    buf[len++] = (byte) (((Boolean) v) ? 1 : 0);
                }
                case JSON -> text(v.toString(), true);
            }
        }
    }

    /** UTF-8 text behind its length; hex, the common case, is copied a char a byte. */
    private void text(String s, boolean jsonb) {
        int start = len;
        int prefix = jsonb ? 1 : 0;
        ensure(4 + prefix + s.length());
        len += 4;
        if (jsonb) {
            buf[len++] = JSONB_VERSION;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                len = start + 4 + prefix;
                ensure(utf8.length);
                System.arraycopy(utf8, 0, buf, len, utf8.length);
                len += utf8.length;
                break;
            }
            buf[len++] = (byte) c;
        }
        intAt(start, len - start - 4);
    }

    /**
     * A decimal integer as numeric: its digits in groups of four from the right (base 10000),
     * the weight of the first group, the sign and a scale of 0; trailing zero groups are left
     * out, as the server stores them.
     */
    private void numeric(String s) {
        boolean negative = s.startsWith("-");
        int from = negative ? 1 : 0;
        if (from == s.length()) {
            throw new IllegalArgumentException("not a decimal integer: " + s);
        }
        while (from < s.length() - 1 && s.charAt(from) == '0') {
            from++;
        }
        int n = s.length() - from;
        int groups = (n + 3) / 4;
        if (groups > digits.length) {
            digits = new short[groups];
        }
        int end = from + n - (groups - 1) * 4; // the first group holds the digits left over
        for (int g = 0; g < groups; g++) {
            int value = 0;
            for (int i = from; i < end; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("not a decimal integer: " + s);
                }
                value = value * 10 + (c - '0');
            }
            digits[g] = (short) value;
            from = end;
            end += 4;
        }
        int kept = groups;
        while (kept > 0 && digits[kept - 1] == 0) {
            kept--;
        }
        putInt(8 + 2 * kept);
        putShort(kept);
        putShort(kept == 0 ? 0 : groups - 1);
        putShort(negative && kept > 0 ? NUMERIC_NEGATIVE : 0);
        putShort(0);
        for (int g = 0; g < kept; g++) {
            putShort(digits[g]);
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    private void putShort(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
    }

    private void putInt(int v) {
        ensure(4);
        intAt(len, v);
        len += 4;
    }

    private void intAt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
