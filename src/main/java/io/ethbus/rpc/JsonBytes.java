package io.ethbus.rpc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The byte-level steps of scanning a node's JSON: where a run of bytes that a JSON string
 * holds as they are (printable ASCII other than quote and backslash) ends, found eight bytes
 * at a time, and whether a member name is at a place in the text. A node's answers are mostly
 * long hex strings, so this is where scanning and writing them spends its time.
 */
public final class JsonBytes {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH = 0x8080808080808080L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = 0x20 * ONES;

    private JsonBytes() {
    }

    /**
     * The index of the first byte in {@code a[from, to)} that is a quote, a backslash, a
     * control character or not ASCII; {@code to} when there is none.
     */
    public static int plainRun(byte[] a, int from, int to) {
        int i = from;
        // sixteen bytes a step: one branch for two words, the hex of a node's answers runs long
        for (; i + 16 <= to; i += 16) {
            long low = special((long) LONGS.get(a, i));
            long high = special((long) LONGS.get(a, i + 8));
            if ((low | high) != 0) {
                return low != 0 ? i + firstFlagged(low) : i + 8 + firstFlagged(high);
            }
        }
        if (i + 8 <= to) {
            long word = special((long) LONGS.get(a, i));
            if (word != 0) {
                return i + firstFlagged(word);
            }
            i += 8;
        }
        for (; i < to; i++) {
            byte c = a[i];
            if (c == '"' || c == '\\' || c < 0x20) { // signed: also every non-ASCII byte
                return i;
            }
        }
        return to;
    }

    /**
     * The place in its word of the first byte {@link #special} flags. The lowest flag is always
     * a true one (a false one needs a borrow from a lower byte, and the byte that starts a
     * borrow is flagged itself), so a string's end is found without a byte loop.
     */
    private static int firstFlagged(long flags) {
        return Long.numberOfTrailingZeros(flags) >>> 3;
    }

    /**
     * Per byte of {@code x}, the high bit set when the byte is below 0x20, not ASCII, a quote
     * or a backslash (bytes after the first such one may be flagged too: a subtraction's
     * borrow runs upwards). An ASCII byte's high bit is clear in {@code x}, so one {@code & ~x}
     * serves the three "minus one / minus 0x20 wrapped" tests, and {@code | x} adds non-ASCII.
     */
    private static long special(long x) {
        long q = x ^ QUOTES;
        long b = x ^ BACKSLASHES;
        return (((q - ONES) | (b - ONES) | (x - SPACES)) & ~x | x) & HIGH;
    }

    /** The eight bytes at {@code a[at..]} as a little-endian word; {@code at + 8} must be within {@code a}. */
    static long word(byte[] a, int at) {
        return (long) LONGS.get(a, at);
    }

    /**
     * Whether {@code name} is at {@code text[at..]}, which holds at least as many bytes. Eight
     * bytes a step: the names of a node's objects are mostly longer than a word
     * ({@code blockNumber}, {@code maxPriorityFeePerGas}), and every member read compares one.
     */
    static boolean sameAt(byte[] text, int at, byte[] name) {
        int n = name.length;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if ((long) LONGS.get(text, at + i) != (long) LONGS.get(name, i)) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (text[at + i] != name[i]) {
                return false;
            }
        }
        return true;
    }
}
