package io.ethbus.client;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiFunction;
import io.ethbus.abi.Revert;
import io.ethbus.multicall.Call3;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;

/**
 * One call added to a {@link Multicall}: where it goes, what it sends, how its answer decodes.
 *
 * @param target       the contract called
 * @param function     the function whose outputs decode the return data
 * @param callData     selector and encoded arguments
 * @param allowFailure whether a revert stands in its slot (true) or fails the whole multicall
 * @param errors       the ABI whose custom errors decode its revert, or null for the built-in ones only
 */
public record MulticallCall(Address target, AbiFunction function, Bytes callData, boolean allowFailure, Abi errors) {
    Call3 toCall3(boolean allowFailure) {
        return new Call3(target, allowFailure, callData);
    }

    Revert decodeRevert(Bytes data) {
        return Revert.decode(data, errors);
    }

    /** e.g. {@code balanceOf(address) at 0x..}. */
    @Override
    public String toString() {
        return function.signature() + " at " + target;
    }
}
