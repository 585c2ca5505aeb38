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
    /** Words compared without a loop: 24 bytes hold every name of a node's objects. */
    private static final int WORDS = 3;
    private final byte[][] names;
    /**
     * Each name's first 24 bytes as three little-endian words, and masks of the bytes the name
     * has: a name is compared in three word tests without a branch, where a loop's trip count,
     * different for every name, cost a mispredicted branch per member read.
     */
    private final long[] words;
    private final long[] masks;
    /** Index + 1 of the name in each bucket, 0 for an empty one; open addressing, linear probing. */
    private final int[] buckets;
    private final int mask;

    private MemberNames(String[] names) {
        this.names = new byte[names.length][];
        this.words = new long[names.length * WORDS];
        this.masks = new long[names.length * WORDS];
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
            for (int k = 0; k < Math.min(name.length, WORDS * 8); k++) {
                words[i * WORDS + k / 8] |= (name[k] & 0xffL) << (8 * (k % 8));
                masks[i * WORDS + k / 8] |= 0xffL << (8 * (k % 8));
            }
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
            if (names[slot].length == length && matches(slot, text, at)) {
                return slot;
            }
        }
    }

    private boolean matches(int slot, byte[] text, int at) {
        byte[] name = names[slot];
        if (name.length > WORDS * 8 || at + WORDS * 8 > text.length) {
            return JsonBytes.sameAt(text, at, name); // a long name, or one at the very end of a chunk
        }
        int w = slot * WORDS;
        return ((JsonBytes.word(text, at) ^ words[w]) & masks[w]
                | (JsonBytes.word(text, at + 8) ^ words[w + 1]) & masks[w + 1]
                | (JsonBytes.word(text, at + 16) ^ words[w + 2]) & masks[w + 2]) == 0;
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
