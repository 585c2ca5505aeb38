package io.ethbus.rpc;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The eight-at-a-time search against a byte-by-byte one, on random runs with special bytes anywhere. */
class JsonBytesTest {
    @Test
    void findsTheFirstSpecialByteWhereverItIs() {
        SplittableRandom random = new SplittableRandom(0x8b7e5);
        byte[] specials = {'"', '\\', 0, 0x1f, (byte) 0x80, (byte) 0xff, (byte) 0xc3, '\n'};
        for (int run = 0; run < 20_000; run++) {
            byte[] a = new byte[random.nextInt(1, 80)];
            for (int i = 0; i < a.length; i++) {
                a[i] = (byte) random.nextInt(0x20, 0x7f);
                if (a[i] == '"' || a[i] == '\\') {
                    a[i] = 'a';
                }
            }
            for (int k = random.nextInt(3); k > 0; k--) {
                a[random.nextInt(a.length)] = specials[random.nextInt(specials.length)];
            }
            int from = random.nextInt(a.length);
            int to = random.nextInt(from, a.length + 1);
            assertEquals(naive(a, from, to), JsonBytes.plainRun(a, from, to), "run " + run);
        }
        byte[] edge = {' ', '!', '#', '[', ']', '~', 0x7f, 0x1f};
        assertEquals(7, JsonBytes.plainRun(edge, 0, edge.length));
    }

    /**
     * Bytes next to the special values in every order: a word's subtractions borrow from a
     * special byte into the ones above it, and the position returned must still be the first.
     */
    @Test
    void findsTheFirstSpecialByteAmongItsNeighbours() {
        SplittableRandom random = new SplittableRandom(0x5eed);
        byte[] near = {0x00, 0x01, 0x1f, 0x20, 0x21, 0x22, 0x23, 0x5b, 0x5c, 0x5d, 0x7e, 0x7f, (byte) 0x80, (byte) 0x81, (byte) 0xff};
        for (int run = 0; run < 50_000; run++) {
            byte[] a = new byte[random.nextInt(1, 40)];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextInt(3) == 0 ? near[random.nextInt(near.length)] : (byte) random.nextInt(0x23, 0x5b);
            }
            int from = random.nextInt(a.length);
            int to = random.nextInt(from, a.length + 1);
            assertEquals(naive(a, from, to), JsonBytes.plainRun(a, from, to), "run " + run);
        }
    }

    @Test
    void comparesANameAtAPlaceWordByWord() {
        byte[] text = "{\"maxPriorityFeePerGas\":1,\"maxPriorityFeePerGaz\":2}".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] name = "maxPriorityFeePerGas".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        org.junit.jupiter.api.Assertions.assertTrue(JsonBytes.sameAt(text, 2, name));
        org.junit.jupiter.api.Assertions.assertFalse(JsonBytes.sameAt(text, 28, name));
        org.junit.jupiter.api.Assertions.assertFalse(JsonBytes.sameAt(text, 3, name));
        for (int cut = 0; cut < name.length; cut++) {
            byte[] other = name.clone();
            other[cut] ^= 0x20;
            org.junit.jupiter.api.Assertions.assertFalse(JsonBytes.sameAt(text, 2, other), "differs at " + cut);
        }
    }

    private static int naive(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = a[i] & 0xff;
            if (b == '"' || b == '\\' || b < 0x20 || b >= 0x80) {
                return i;
            }
        }
        return to;
    }
}
