package io.ethbus.primitives;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Exact conversion between a decimal amount ("1.5") and an integer count of the smallest unit
 * for any number of decimals 0..77 (ether has 18, most ERC-20 tokens 18 or 6), like viem's
 * {@code parseUnits} / {@code formatUnits}. Never rounds: an amount with more decimals than the
 * unit has is an error, not a truncation.
 *
 * <pre>FixedPointDecimal.parse("1.5", 6)  // 1500000      FixedPointDecimal.format(1500000, 6)  // "1.5"</pre>
 */
public final class FixedPointDecimal {
    /** The most decimals a uint256 unit can have (10^77 is the largest power of ten below 2^256). */
    public static final int MAX_DECIMALS = 77;
    private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?|\\.[0-9]+");
    // uint256 has 78 digits, plus the point and up to 77 decimals; anything longer is refused unread.
    private static final int MAX_TEXT_LENGTH = 78 + 1 + MAX_DECIMALS;

    private FixedPointDecimal() {
    }

    /**
     * The integer that {@code amount} is in units of 10^-decimals: {@code parse("1.5", 18)} is
     * 1500000000000000000. Accepts digits with an optional point ({@code "1"}, {@code "1.5"},
     * {@code ".5"}); no sign, exponent, separators or spaces.
     *
     * @throws InvalidAmountException when malformed, negative, with more than {@code decimals}
     *                                decimals, or not below 2^256
     */
    public static BigInteger parse(String amount, int decimals) {
        checkDecimals(decimals);
        if (amount == null) {
            throw new InvalidAmountException("the amount is null");
        }
        if (amount.length() > MAX_TEXT_LENGTH) {
            throw new InvalidAmountException("an amount of " + amount.length() + " characters is too long for uint256");
        }
        if (!DECIMAL.matcher(amount).matches()) {
            String why = amount.startsWith("-") ? "is negative" : "is not a plain decimal number";
            throw new InvalidAmountException("\"" + amount + "\" " + why);
        }
        int point = amount.indexOf('.');
        String whole = point < 0 ? amount : amount.substring(0, point);
        String fraction = point < 0 ? "" : amount.substring(point + 1);
        if (fraction.length() > decimals) {
            throw new InvalidAmountException("\"" + amount + "\" has " + fraction.length()
                    + " decimals; this unit has " + decimals);
        }
        BigInteger value = new BigInteger(whole + fraction + "0".repeat(decimals - fraction.length()));
        if (value.compareTo(UINT256_LIMIT) >= 0) {
            throw new InvalidAmountException("\"" + amount + "\" with " + decimals + " decimals does not fit uint256");
        }
        return value;
    }

    /**
     * {@code value} units of 10^-decimals as a plain decimal: no exponent, no trailing zeros, no
     * point for a whole amount ({@code format(1500000000000000000, 18)} is {@code "1.5"}).
     *
     * @throws InvalidAmountException when {@code value} is negative
     */
    public static String format(BigInteger value, int decimals) {
        checkDecimals(decimals);
        if (value == null || value.signum() < 0) {
            throw new InvalidAmountException("an amount to format is zero or more, got " + value);
        }
        String digits = value.toString();
        if (decimals == 0) {
            return digits;
        }
        String padded = "0".repeat(Math.max(0, decimals + 1 - digits.length())) + digits;
        int point = padded.length() - decimals;
        String fraction = padded.substring(point).replaceFirst("0+$", "");
        return fraction.isEmpty() ? padded.substring(0, point) : padded.substring(0, point) + "." + fraction;
    }

    private static void checkDecimals(int decimals) {
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new InvalidAmountException("a unit has 0.." + MAX_DECIMALS + " decimals, got " + decimals);
        }
    }
}
