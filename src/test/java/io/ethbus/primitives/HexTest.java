package io.ethbus.primitives;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HexTest {
    @Test
    void everyCharacterIsADigitExactlyWhenItIsAnAsciiHexDigit() {
        String digits = "0123456789abcdefABCDEF";
        for (char c = 0; c < 0x3000; c++) {
            String data = "0x0" + c;
            if (digits.indexOf(c) >= 0) {
                assertEquals(Character.digit(c, 16), Hex.decode(data)[0], "data " + (int) c);
                assertEquals(Character.digit(c, 16), Hex.toLong("0x" + c), "quantity " + (int) c);
            } else {
                assertThrows(InvalidHexException.class, () -> Hex.decode(data), "data " + (int) c);
                assertThrows(InvalidHexException.class, () -> Hex.toBigInteger(data), "quantity " + (int) c);
            }
        }
    }

    private static final String MAX_UINT256 = "0x" + "f".repeat(64);

    @Test
    void encodesLowercaseWithPrefix() {
        assertEquals("0x00ff0aab", Hex.encode(new byte[]{0, (byte) 0xff, 0x0a, (byte) 0xab}));
        assertEquals("0x", Hex.encode(new byte[0]));
    }

    @Test
    void decodesBothCases() {
        assertArrayEquals(new byte[]{0, (byte) 0xff, 0x0a, (byte) 0xab}, Hex.decode("0x00FF0aAb"));
        assertArrayEquals(new byte[0], Hex.decode("0x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00ff", "0x0", "0x123", "0xzz", "0X00", " 0x00", "0x00 ", "0x\uff10\uff10"})
    void rejectsInvalidData(String input) {
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> Hex.decode(input));
        assertTrue(e.getMessage().contains(input.strip()), e.getMessage());
    }

    @Test
    void rejectsNullData() {
        assertThrows(InvalidHexException.class, () -> Hex.decode(null));
    }

    @Test
    void roundTripsData() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertArrayEquals(all, Hex.decode(Hex.encode(all)));
    }

    @Test
    void quantityEdgeCases() {
        assertEquals(BigInteger.ZERO, Hex.toBigInteger("0x0"));
        assertEquals(BigInteger.ZERO, Hex.toBigInteger("0x0000"));
        assertEquals(BigInteger.TEN, Hex.toBigInteger("0x000a"));
        assertEquals(BigInteger.TEN, Hex.toBigInteger("0xA"));
        assertEquals(BigInteger.TWO.pow(256).subtract(BigInteger.ONE), Hex.toBigInteger(MAX_UINT256));
        // Leading zeros do not count towards the 256-bit limit.
        assertEquals(BigInteger.TWO.pow(256).subtract(BigInteger.ONE), Hex.toBigInteger("0x00" + MAX_UINT256.substring(2)));
        assertEquals(new BigInteger("1234567890abcdef1234", 16), Hex.toBigInteger("0x1234567890abcdef1234"));
        assertEquals(BigInteger.valueOf(0xfffffffffffffL), Hex.toBigInteger("0xfffffffffffff"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"0x", "-0x1", "0x-1", "0xg1", "12", "0x1 ", "0X1", "+0x1", "0x1.0"})
    void rejectsInvalidQuantities(String input) {
        assertThrows(InvalidHexException.class, () -> Hex.toBigInteger(input));
        assertThrows(InvalidHexException.class, () -> Hex.toLong(input));
    }

    @Test
    void rejectsQuantityBeyondUint256() {
        InvalidHexException e = assertThrows(InvalidHexException.class, () -> Hex.toBigInteger("0x1" + "0".repeat(64)));
        assertTrue(e.getMessage().contains("256 bits"), e.getMessage());
    }

    @Test
    void longBounds() {
        assertEquals(Long.MAX_VALUE, Hex.toLong("0x7fffffffffffffff"));
        assertEquals(Long.MAX_VALUE, Hex.toLong("0x00007fffffffffffffff"));
        assertEquals(436L, Hex.toLong("0x1b4"));
        assertEquals(0L, Hex.toLong("0x0"));
        assertThrows(InvalidHexException.class, () -> Hex.toLong("0x8000000000000000"));
        assertThrows(InvalidHexException.class, () -> Hex.toLong("0x10000000000000000"));
        assertThrows(InvalidHexException.class, () -> Hex.toLong(MAX_UINT256));
    }

    @Test
    void encodesCompactQuantities() {
        assertEquals("0x0", Hex.quantity(0));
        assertEquals("0xa", Hex.quantity(10));
        assertEquals("0x7fffffffffffffff", Hex.quantity(Long.MAX_VALUE));
        assertEquals("0x0", Hex.quantity(BigInteger.ZERO));
        assertEquals(MAX_UINT256, Hex.quantity(BigInteger.TWO.pow(256).subtract(BigInteger.ONE)));
        assertThrows(InvalidHexException.class, () -> Hex.quantity(-1));
        assertThrows(InvalidHexException.class, () -> Hex.quantity(BigInteger.valueOf(-1)));
    }

    @Test
    void quantityRoundTrip() {
        for (long v : new long[]{0, 1, 15, 16, 255, 256, 1L << 40, Long.MAX_VALUE}) {
            assertEquals(v, Hex.toLong(Hex.quantity(v)));
            assertEquals(BigInteger.valueOf(v), Hex.toBigInteger(Hex.quantity(BigInteger.valueOf(v))));
        }
    }
}
