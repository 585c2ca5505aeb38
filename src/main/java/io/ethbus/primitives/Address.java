package io.ethbus.primitives;

import io.ethbus.rpc.Excerpt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A 20-byte account address. Parses the EIP-55 rules: all-lowercase or all-uppercase hex is
 * taken as is, mixed case must be the exact EIP-55 checksum. Prints in checksum form.
 * Example: {@code Address.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")}.
 */
public record Address(byte[] value) {
    public static final int LENGTH = 20;
    /** The zero address, 0x0000000000000000000000000000000000000000. */
    public static final Address ZERO = new Address(new byte[LENGTH]);

    public Address {
        if (value.length != LENGTH) {
            throw new InvalidAddressException("an address is " + LENGTH + " bytes, got " + value.length);
        }
        value = value.clone();
    }

    /**
     * Parses 0x plus 40 hex digits. Throws {@link InvalidAddressException} for a wrong length,
     * a non-hex digit or mixed case that is not the EIP-55 checksum.
     */
    public static Address of(String hex) {
        Address address = ofAnyCase(hex);
        if (isMixedCase(hex)) {
            String expected = address.toChecksumHex();
            if (!expected.equals(hex)) {
                throw new InvalidAddressException("invalid address " + hex + ": checksum mismatch (expected " + expected + ")");
            }
        }
        return address;
    }

    /**
     * Parses 0x plus 40 hex digits in any case, without checking an EIP-55 checksum: for
     * addresses in a node's answers, whose spelling carries no meaning (the node onion may have
     * written the checksum form, which the caller would otherwise pay a second Keccak to verify).
     * Throws {@link InvalidAddressException} for a wrong length or a non-hex digit.
     */
    public static Address ofAnyCase(String hex) {
        if (!Hex.isHexOfLength(hex, LENGTH * 2)) {
            throw new InvalidAddressException("invalid address " + describe(hex)
                    + ": expected 0x followed by " + LENGTH * 2 + " hex digits");
        }
        return new Address(Hex.decode(hex));
    }

    /**
     * True when {@code hex} is a well-formed address spelled exactly in its EIP-55 checksum
     * form. An all-lowercase address is well-formed but carries no checksum, so it is false
     * unless its checksum form happens to be all lowercase too.
     */
    public static boolean isValidChecksum(String hex) {
        return Hex.isHexOfLength(hex, LENGTH * 2) && new Address(Hex.decode(hex)).toChecksumHex().equals(hex);
    }

    /** A copy of the bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Lowercase 0x-prefixed hex, as nodes send it. */
    public String toHex() {
        return Hex.encode(value);
    }

    /** The EIP-55 mixed-case checksum spelling. */
    public String toChecksumHex() {
        String lower = toHex();
        // EIP-55: a letter is upper case when the matching nibble of keccak(lowercase hex) is >= 8.
        byte[] hash = Keccak.keccak256(lower.substring(2).getBytes(StandardCharsets.US_ASCII));
        char[] out = lower.toCharArray();
        for (int i = 2; i < out.length; i++) {
            int nibbleIndex = i - 2;
            int nibble = (hash[nibbleIndex / 2] >> (nibbleIndex % 2 == 0 ? 4 : 0)) & 0xf;
            if (out[i] >= 'a' && nibble >= 8) {
                out[i] = Character.toUpperCase(out[i]);
            }
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    /** The checksum form. */
    @Override
    public String toString() {
        return toChecksumHex();
    }

    private static boolean isMixedCase(String hex) {
        boolean lower = false;
        boolean upper = false;
        for (int i = 2; i < hex.length(); i++) {
            char c = hex.charAt(i);
            lower |= c >= 'a' && c <= 'f';
            upper |= c >= 'A' && c <= 'F';
        }
        return lower && upper;
    }

    private static String describe(String hex) {
        return hex == null ? "null" : "'" + Excerpt.of(hex) + "'";
    }
}
