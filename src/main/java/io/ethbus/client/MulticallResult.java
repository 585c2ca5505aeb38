package io.ethbus.client;

import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.AbiValues;
import io.ethbus.abi.Revert;
import io.ethbus.primitives.Bytes;

/**
 * The outcome of one call of a {@link Multicall}, in the slot of the call: its decoded return
 * values, its decoded revert, or return data that its function cannot decode (never a silently
 * wrong value). {@link #index()} is the call's position in the order it was added.
 */
public sealed interface MulticallResult {
    /** The call's position, 0 for the first call added. */
    int index();

    /** The decoded values; throws the failure this result stands for when the call did not succeed. */
    AbiValues valuesOrThrow();

    /** The call returned, and its return data decoded as its function says. */
    record Success(int index, AbiValues values, Bytes returnData) implements MulticallResult {
        @Override
        public AbiValues valuesOrThrow() {
            return values;
        }
    }

    /** The call reverted (it was allowed to fail); {@link Revert} holds the raw data and its decoding. */
    record Failure(int index, MulticallCall call, Revert revert) implements MulticallResult {
        @Override
        public AbiValues valuesOrThrow() {
            throw new MulticallCallException(index, call, revert);
        }
    }

    /** The call returned data that does not decode as its function's outputs: too short, bad offsets, dirty padding. */
    record Undecodable(int index, Bytes returnData, AbiDecodingException error) implements MulticallResult {
        @Override
        public AbiValues valuesOrThrow() {
            throw error;
        }
    }
}
