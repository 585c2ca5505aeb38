package io.ethbus.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An RLP byte string. Integers are big-endian without leading zeros, and zero is the empty
 * string, so {@link #asBigInteger()} rejects a leading zero as non-canonical.
 */
public record RlpString(byte[] bytes) implements RlpItem {
    public static final RlpString EMPTY = new RlpString(new byte[0]);

    public RlpString {
        bytes = bytes.clone();
    }

    public static RlpString of(byte[] bytes) {
        return new RlpString(bytes);
    }

    /** The minimal big-endian encoding of a non-negative integer; 0 is the empty string. */
    public static RlpString of(BigInteger value) {
        if (value.signum() < 0) {
            throw new RlpException("RLP cannot encode a negative integer");
        }
        if (value.signum() == 0) {
            return EMPTY;
        }
        byte[] raw = value.toByteArray();
        return new RlpString(raw[0] == 0 ? Arrays.copyOfRange(raw, 1, raw.length) : raw);
    }

    public static RlpString of(long value) {
        return of(BigInteger.valueOf(value));
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The unsigned integer these bytes encode; a leading zero byte is non-canonical and rejected. */
    public BigInteger asBigInteger() {
        if (bytes.length > 0 && bytes[0] == 0) {
            throw new RlpException("integer with a leading zero byte");
        }
        return new BigInteger(1, bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RlpString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RlpString[" + io.ethbus.primitives.Hex.encode(bytes) + "]";
    }
}
