package io.ethbus.primitives;

import java.math.BigInteger;

/**
 * Ether's named units and exact conversion to and from wei, like viem's {@code parseEther} /
 * {@code formatEther} / {@code parseGwei}.
 *
 * <pre>EtherUnit.ETHER.parse("1.5")  // 1500000000000000000 wei     EtherUnit.GWEI.format(wei)  // "30.25"</pre>
 */
public enum EtherUnit {
    WEI(0),
    KWEI(3),
    MWEI(6),
    GWEI(9),
    SZABO(12),
    FINNEY(15),
    ETHER(18);

    private final int decimals;
    private final BigInteger weiPerUnit;

    EtherUnit(int decimals) {
        this.decimals = decimals;
        this.weiPerUnit = BigInteger.TEN.pow(decimals);
    }

    /** Decimals of this unit: one of it is 10^decimals wei. */
    public int decimals() {
        return decimals;
    }

    /** Wei in one of this unit. */
    public BigInteger wei() {
        return weiPerUnit;
    }

    /**
     * The wei in {@code amount} of this unit, exactly: {@code ETHER.parse("1.5")} is
     * 1500000000000000000.
     *
     * @throws InvalidAmountException when malformed, negative, with more decimals than this unit
     *                                has, or not below 2^256 wei
     */
    public BigInteger parse(String amount) {
        return FixedPointDecimal.parse(amount, decimals);
    }

    /** {@code wei} in this unit as a plain decimal, trailing zeros trimmed: {@code ETHER.format(10^18)} is "1". */
    public String format(BigInteger wei) {
        return FixedPointDecimal.format(wei, decimals);
    }
}
