package io.ethbus.primitives;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EtherUnitTest {

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource({
            "ETHER, 1.5, 1500000000000000000",
            "ETHER, 1, 1000000000000000000",
            "FINNEY, 1, 1000000000000000",
            "SZABO, 1, 1000000000000",
            "GWEI, 30.25, 30250000000",
            "MWEI, 1, 1000000",
            "KWEI, 1, 1000",
            "WEI, 21000, 21000",
    })
    void parsesToWeiAndFormatsBack(EtherUnit unit, String amount, String wei) {
        assertEquals(new BigInteger(wei), unit.parse(amount));
        assertEquals(amount, unit.format(new BigInteger(wei)));
    }

    @Test
    void unitsAreThePowersOfTenTheirNamesSay() {
        assertEquals(BigInteger.TEN.pow(18), EtherUnit.ETHER.wei());
        assertEquals(BigInteger.TEN.pow(9), EtherUnit.GWEI.wei());
        assertEquals(BigInteger.ONE, EtherUnit.WEI.wei());
        assertEquals("0.000000001", EtherUnit.ETHER.format(EtherUnit.GWEI.wei()));
        assertEquals("1000000000", EtherUnit.GWEI.format(EtherUnit.ETHER.wei()));
    }

    @Test
    void weiHasNoFractions() {
        assertThrows(InvalidAmountException.class, () -> EtherUnit.WEI.parse("1.5"));
        assertThrows(InvalidAmountException.class, () -> EtherUnit.GWEI.parse("0.0000000001"));
        assertThrows(InvalidAmountException.class, () -> EtherUnit.ETHER.parse("-0.1"));
    }
}
