package io.ethbus.primitives;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FixedPointDecimalTest {

    @ParameterizedTest(name = "{0} with {1} decimals")
    @CsvSource({
            "1.5, 18, 1500000000000000000, 1.5",
            "0, 18, 0, 0",
            "0.000000000000000001, 18, 1, 0.000000000000000001",
            ".5, 1, 5, 0.5",
            "1.50, 6, 1500000, 1.5",
            "007, 0, 7, 7",
            "42, 0, 42, 42",
            "1.000, 3, 1000, 1",
            "123456789.123456, 6, 123456789123456, 123456789.123456",
            "1, 77, 100000000000000000000000000000000000000000000000000000000000000000000000000000, 1",
    })
    void parsesExactlyAndFormatsTrimmed(String text, int decimals, String units, String formatted) {
        assertEquals(new BigInteger(units), FixedPointDecimal.parse(text, decimals));
        assertEquals(formatted, FixedPointDecimal.format(new BigInteger(units), decimals));
    }

    @Test
    void formatNeverUsesAnExponent() {
        assertEquals("0.0000000000000000000000000000000000000000000000000000000000000000000000000001",
                FixedPointDecimal.format(BigInteger.ONE, 76));
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        String text = FixedPointDecimal.format(max, 77);
        assertEquals("1.15792089237316195423570985008687907853269984665640564039457584007913129639935", text);
        assertEquals(max, FixedPointDecimal.parse(text, 77));
        assertEquals(max.toString(), FixedPointDecimal.format(max, 0));
    }

    @Test
    void roundTripsRandomValuesAtEveryScale() {
        Random random = new Random(17);
        for (int decimals = 0; decimals <= FixedPointDecimal.MAX_DECIMALS; decimals++) {
            for (int i = 0; i < 20; i++) {
                BigInteger value = new BigInteger(1 + random.nextInt(255), random);
                String text = FixedPointDecimal.format(value, decimals);
                assertTrue(text.matches("[0-9]+(\\.[0-9]*[1-9])?"), "plain digits, no trailing zero: " + text);
                assertEquals(value, FixedPointDecimal.parse(text, decimals), text + " at " + decimals);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "1.", "-1", "+1", "1e18", "1,5", "1_000", " 1", "1 ", "0x10", "1.2.3", "１"})
    void malformedOrNegativeIsTyped(String text) {
        InvalidAmountException e = assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.parse(text, 18));
        assertTrue(e.getMessage().contains("\"" + text + "\""), e.getMessage());
    }

    @Test
    void negativeIsNamedAsSuch() {
        assertTrue(assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.parse("-1.5", 18))
                .getMessage().contains("negative"));
    }

    @Test
    void tooManyDecimalsIsTypedNotRounded() {
        InvalidAmountException e = assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.parse("1.0000001", 6));
        assertTrue(e.getMessage().contains("7 decimals"), e.getMessage());
        assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.parse("0.5", 0));
    }

    @Test
    void outOfRangeIsTyped() {
        assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.parse("1", 78));
        assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.parse("1", -1));
        assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.format(BigInteger.ONE, 78));
        assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.format(BigInteger.valueOf(-1), 18));
        assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.format(null, 18));
        assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.parse(null, 18));
        // 2^256 wei does not fit uint256; one less does.
        String limit = BigInteger.ONE.shiftLeft(256).toString();
        assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.parse(limit, 0));
        assertThrows(InvalidAmountException.class, () -> FixedPointDecimal.parse("1".repeat(200), 0));
    }
}
