package io.ethbus.contract;

import io.ethbus.abi.AbiError;
import io.ethbus.abi.AbiValues;
import io.ethbus.primitives.Bytes;

import java.math.BigInteger;

/**
 * Why a contract reverted, decoded from its revert data: a {@code require} message
 * ({@link ErrorMessage}), a {@link Panic}, a {@link CustomError} of the contract's ABI, or
 * {@link Undecoded} data (none at all, or a selector the ABI does not know).
 */
public sealed interface RevertReason permits RevertReason.ErrorMessage, RevertReason.Panic,
        RevertReason.CustomError, RevertReason.Undecoded {

    /** {@code Error(string)}: what {@code require(cond, "message")} and {@code revert("message")} give. */
    record ErrorMessage(String message) implements RevertReason {
        @Override
        public String toString() {
            return "Error(\"" + message + "\")";
        }
    }

    /** {@code Panic(uint256)}: a failed assert, an overflow, a division by zero, a bad index... */
    record Panic(BigInteger code, PanicKind kind) implements RevertReason {
        @Override
        public String toString() {
            return "Panic(0x" + code.toString(16) + ": " + kind.description() + ")";
        }
    }

    /** A custom error of the contract's ABI, with its arguments by name. */
    record CustomError(AbiError error, AbiValues arguments) implements RevertReason {
        /** The error's name, e.g. {@code InsufficientBalance}. */
        public String name() {
            return error.name();
        }

        @Override
        public String toString() {
            return error.name() + arguments;
        }
    }

    /**
     * Revert data this side cannot decode: empty (a bare {@code revert()} or a {@code require}
     * without message), or an error the contract's ABI does not declare (raised by another
     * contract it called, say).
     */
    record Undecoded(Bytes data) implements RevertReason {
        @Override
        public String toString() {
            return data.length() == 0 ? "no revert data" : "undecoded revert data " + data;
        }
    }
}
