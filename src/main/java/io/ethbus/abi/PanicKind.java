package io.ethbus.abi;

import java.math.BigInteger;

/**
 * What a Solidity {@code Panic(uint256)} code means, as the Solidity documentation lists them
 * (section "Panic via assert and Error via require").
 */
public enum PanicKind {
    GENERIC(0x00, "generic compiler panic"),
    ASSERTION_FAILED(0x01, "assert(false)"),
    ARITHMETIC_OVERFLOW(0x11, "arithmetic overflow or underflow"),
    DIVISION_BY_ZERO(0x12, "division or modulo by zero"),
    INVALID_ENUM_VALUE(0x21, "conversion to an enum out of range"),
    INVALID_STORAGE_BYTE_ARRAY(0x22, "incorrectly encoded storage byte array"),
    POP_ON_EMPTY_ARRAY(0x31, "pop() on an empty array"),
    ARRAY_INDEX_OUT_OF_BOUNDS(0x32, "array index out of bounds"),
    OUT_OF_MEMORY(0x41, "too much memory allocated"),
    ZERO_FUNCTION_CALLED(0x51, "call to a zero-initialised internal function"),
    /** A code the list above does not have. */
    UNKNOWN(-1, "unknown panic code");

    private final int code;
    private final String description;

    PanicKind(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The panic code, -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** What the code means, e.g. {@code division or modulo by zero}. */
    public String description() {
        return description;
    }

    /** The kind of {@code code}; {@link #UNKNOWN} for a code Solidity does not define. */
    public static PanicKind of(BigInteger code) {
        for (PanicKind kind : values()) {
            if (kind != UNKNOWN && BigInteger.valueOf(kind.code).equals(code)) {
                return kind;
            }
        }
        return UNKNOWN;
    }
}
