package io.ethbus.multicall;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;

import java.util.Objects;

/**
 * One call of Multicall3's {@code aggregate3}: a target, its call data, and whether its failure
 * may stand in its slot ({@code allowFailure}) or reverts the whole {@code aggregate3}.
 *
 * @param target       the contract called
 * @param allowFailure true: a revert is reported in this call's result; false: it reverts the whole call
 * @param callData     selector and encoded arguments
 */
public record Call3(Address target, boolean allowFailure, Bytes callData) {
    public Call3 {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(callData, "callData");
    }
}
