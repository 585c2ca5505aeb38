package io.ethbus.primitives;

import java.util.Arrays;

/**
 * An immutable byte string of any length, such as call data or a log's data. Copies on the
 * way in and out so that no caller can change it. Example: {@code Bytes.of("0xa9059cbb")}.
 */
public record Bytes(byte[] value) {
    /** The empty byte string, {@code "0x"}. */
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    public Bytes {
        value = value.clone();
    }

    /** Decodes 0x-prefixed hex data; throws {@link InvalidHexException} when it is not. */
    public static Bytes of(String hex) {
        return new Bytes(Hex.decode(hex));
    }

    /** Copies the given bytes. */
    public static Bytes wrap(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** A copy of the bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** A copy of the bytes. */
    public byte[] toArray() {
        return value.clone();
    }

    public int length() {
        return value.length;
    }

    /** Lowercase 0x-prefixed hex. */
    public String toHex() {
        return Hex.encode(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
