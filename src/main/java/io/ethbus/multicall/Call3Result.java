package io.ethbus.multicall;

import io.ethbus.primitives.Bytes;

/**
 * What one call of {@code aggregate3} gave: its return data when it succeeded, its revert data
 * when it failed.
 *
 * @param success    whether the call returned rather than reverted
 * @param returnData the return data, or the revert data of a failed call
 */
public record Call3Result(boolean success, Bytes returnData) {
}
