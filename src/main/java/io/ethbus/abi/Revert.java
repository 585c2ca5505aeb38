package io.ethbus.abi;

import io.ethbus.primitives.Bytes;

import java.math.BigInteger;

/**
 * What a reverted call returned, decoded: a reason string ({@code Error(string)}), a panic
 * ({@code Panic(uint256)}) with its kind named, a custom error of the contract's ABI with its
 * arguments, or data that is none of these (an empty revert included). The raw data is always
 * kept. Example: {@code Revert.decode(data, abi) instanceof Revert.CustomError e ? e.args() : ...}.
 */
public sealed interface Revert {
    /** The revert data as returned, selector included. */
    Bytes data();

    /** One line for a person: the reason, the panic's kind, the error with its arguments, or the raw data. */
    String describe();

    /** Decodes {@code data} knowing only the built-in {@code Error(string)} and {@code Panic(uint256)}. */
    static Revert decode(Bytes data) {
        return decode(data, null);
    }

    /** Decodes {@code data}, trying the custom errors of {@code abi} (may be null) after the built-in ones. */
    static Revert decode(Bytes data, Abi abi) {
        try {
            if (BuiltInErrors.ERROR.matches(data)) {
                return new Reason(data, BuiltInErrors.ERROR.decode(data).getString(0));
            }
            if (BuiltInErrors.PANIC.matches(data)) {
                return new Panic(data, BuiltInErrors.PANIC.decode(data).getBigInteger(0));
            }
            if (abi != null) {
                for (AbiError error : abi.errors()) {
                    if (error.matches(data)) {
                        return new CustomError(data, error, error.decode(data));
                    }
                }
            }
        } catch (AbiDecodingException e) {
            // a known selector with data of another shape: nothing can be said about it
        }
        return new Unknown(data);
    }

    /** {@code revert("reason")} or {@code require(cond, "reason")}: {@code Error(string)}. */
    record Reason(Bytes data, String reason) implements Revert {
        @Override
        public String describe() {
            return "reverted: " + reason;
        }
    }

    /** A failed check the compiler inserted, {@code Panic(uint256)}; {@link #kind()} names it. */
    record Panic(Bytes data, BigInteger code) implements Revert {
        /** What the code means, as the Solidity documentation lists them. */
        public String kind() {
            int c = code.bitLength() <= 8 ? code.intValue() : -1;
            return switch (c) {
                case 0x00 -> "generic compiler panic";
                case 0x01 -> "assertion failed";
                case 0x11 -> "arithmetic overflow or underflow";
                case 0x12 -> "division or modulo by zero";
                case 0x21 -> "conversion to an invalid enum value";
                case 0x22 -> "incorrectly encoded storage byte array";
                case 0x31 -> "pop on an empty array";
                case 0x32 -> "array index out of bounds";
                case 0x41 -> "too much memory allocated";
                case 0x51 -> "call to a zero-initialised internal function";
                default -> "unknown panic 0x" + code.toString(16);
            };
        }

        @Override
        public String describe() {
            return "panic 0x" + code.toString(16) + ": " + kind();
        }
    }

    /** A custom error of the contract's ABI, with its arguments by name. */
    record CustomError(Bytes data, AbiError error, AbiValues args) implements Revert {
        @Override
        public String describe() {
            return "reverted with " + error.name() + args;
        }
    }

    /** Revert data that is empty or that no known error matches. */
    record Unknown(Bytes data) implements Revert {
        @Override
        public String describe() {
            return data.length() == 0 ? "reverted without data" : "reverted with unknown data " + data;
        }
    }
}
