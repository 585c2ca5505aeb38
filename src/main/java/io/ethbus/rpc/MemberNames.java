package io.ethbus.rpc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The member names a reader of one kind of JSON object looks for, in a small hash table, so
 * that {@link JsonCursor#memberName} finds a name's index with one comparison instead of one
 * per listed name of the same length (a transaction lists two dozen names, and comparing
 * candidates in turn was a tenth of a block's decoding). Immutable; shared by every reader.
 *
 * <pre>MemberNames envelope = MemberNames.of("id", "result", "error");</pre>
 */
public final class MemberNames {
    private final byte[][] names;
    /** Index + 1 of the name in each bucket, 0 for an empty one; open addressing, linear probing. */
    private final int[] buckets;
    private final int mask;

    private MemberNames(String[] names) {
        this.names = new byte[names.length][];
        // a quarter full at most, so that a probe rarely meets another name
        int size = Integer.highestOneBit(Math.max(4, names.length * 4) - 1) << 1;
        this.buckets = new int[size];
        this.mask = size - 1;
        for (int i = 0; i < names.length; i++) {
            byte[] name = names[i].getBytes(StandardCharsets.US_ASCII);
            if (!new String(name, StandardCharsets.US_ASCII).equals(names[i])) {
                throw new IllegalArgumentException("member name is not ASCII: " + names[i]);
            }
            if (indexOf(name, 0, name.length) >= 0) {
                throw new IllegalArgumentException("member name listed twice: " + names[i]);
            }
            this.names[i] = name;
            int b = hash(name, 0, name.length) & mask;
            while (buckets[b] != 0) {
                b = (b + 1) & mask;
            }
            buckets[b] = i + 1;
        }
    }

    /** The names, each ASCII and listed once; a name's index is its place here. */
    public static MemberNames of(String... names) {
        return new MemberNames(names);
    }

    public int size() {
        return names.length;
    }

    /** The index of the name written as the bytes {@code text[at, at + length)}, or -1. */
    int indexOf(byte[] text, int at, int length) {
        for (int b = hash(text, at, length) & mask; ; b = (b + 1) & mask) {
            int slot = buckets[b] - 1;
            if (slot < 0) {
                return -1;
            }
            byte[] name = names[slot];
            if (name.length == length && JsonBytes.sameAt(text, at, name)) {
                return slot;
            }
        }
    }

    /** The index of {@code name} (a name read with escapes or across chunks), or -1. */
    int indexOf(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        int i = indexOf(bytes, 0, bytes.length);
        // a character beyond Latin-1 became '?': compare the decoded text to be sure
        return i >= 0 && new String(names[i], StandardCharsets.ISO_8859_1).equals(name) ? i : -1;
    }

    /** Length, first, middle and last byte: enough to tell apart the names of a node's objects. */
    private static int hash(byte[] text, int at, int length) {
        if (length == 0) {
            return 0;
        }
        int h = length * 0x9E3779B1;
        h ^= text[at] * 31 + text[at + length - 1] * 961 + text[at + (length >> 1)] * 29791;
        return h ^ (h >>> 15);
    }

    @Override
    public String toString() {
        return Arrays.stream(names).map(n -> new String(n, StandardCharsets.US_ASCII)).toList().toString();
    }
}
