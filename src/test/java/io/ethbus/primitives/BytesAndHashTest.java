package io.ethbus.primitives;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BytesAndHashTest {
    private static final String HASH = "0x88df016429689c079f3b2f6ad39fa052532c56795b733da78a91ebe6a713944b";

    @Test
    void bytesRoundTripAndEquality() {
        Bytes b = Bytes.of("0xA9059CBB");
        assertEquals("0xa9059cbb", b.toHex());
        assertEquals("0xa9059cbb", b.toString());
        assertEquals(4, b.length());
        assertEquals(Bytes.wrap(new byte[]{(byte) 0xa9, 0x05, (byte) 0x9c, (byte) 0xbb}), b);
        assertEquals(Bytes.wrap(new byte[]{(byte) 0xa9, 0x05, (byte) 0x9c, (byte) 0xbb}).hashCode(), b.hashCode());
        assertNotEquals(Bytes.of("0xa9059cbc"), b);
        assertEquals(Bytes.EMPTY, Bytes.of("0x"));
        assertEquals(0, Bytes.EMPTY.length());
    }

    @Test
    void bytesCopiesInAndOut() {
        byte[] raw = {1, 2, 3};
        Bytes b = Bytes.wrap(raw);
        raw[0] = 9;
        b.toArray()[1] = 9;
        b.value()[2] = 9;
        assertArrayEquals(new byte[]{1, 2, 3}, b.toArray());
    }

    @Test
    void bytesRejectsBadHex() {
        assertThrows(InvalidHexException.class, () -> Bytes.of("0xabc"));
        assertThrows(InvalidHexException.class, () -> Bytes.of("abcd"));
    }

    @Test
    void hashRoundTrip() {
        Hash h = Hash.of(HASH.toUpperCase().replace("0X", "0x"));
        assertEquals(HASH, h.toHex());
        assertEquals(HASH, h.toString());
        assertEquals(Hash.of(HASH), h);
        assertEquals(Hash.of(HASH).hashCode(), h.hashCode());
        assertNotEquals(Hash.of(HASH.replace("4b", "4c")), h);
        h.value()[0] = 0;
        assertEquals(HASH, h.toHex());
    }

    @Test
    void hashMustBeThirtyTwoBytes() {
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> Hash.of(HASH.substring(0, 64)));
        assertTrue(e.getMessage().contains("31 bytes"), e.getMessage());
        assertThrows(InvalidHexException.class, () -> Hash.of(HASH + "00"));
        assertThrows(InvalidHexException.class, () -> new Hash(new byte[33]));
    }
}
