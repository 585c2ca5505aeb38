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
