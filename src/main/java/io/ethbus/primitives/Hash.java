package io.ethbus.primitives;

import io.ethbus.rpc.Excerpt;

import java.util.Arrays;

/**
 * A 32-byte hash: of a block, a transaction, a storage key or a log topic. Immutable.
 * Example: {@code Hash.of("0x88df0164...")}.
 */
public record Hash(byte[] value) {
    public static final int LENGTH = 32;

    public Hash {
        if (value.length != LENGTH) {
            throw new InvalidHexException("a hash is " + LENGTH + " bytes, got " + value.length);
        }
        value = value.clone();
    }

    /** Decodes 0x plus 64 hex digits; throws {@link InvalidHexException} otherwise. */
    public static Hash of(String hex) {
        byte[] bytes = Hex.decode(hex);
        if (bytes.length != LENGTH) {
            throw new InvalidHexException("invalid hash '" + Excerpt.of(hex) + "': " + bytes.length + " bytes, expected " + LENGTH);
        }
        return new Hash(bytes);
    }

    /** A copy of the bytes. */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** Lowercase 0x-prefixed hex, 66 characters. */
    public String toHex() {
        return Hex.encode(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash other && Arrays.equals(value, other.value);
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
