package io.ethbus.client;

import io.ethbus.abi.Revert;
import io.ethbus.rpc.EthbusException;

/**
 * A call of a {@link Multicall} reverted: one not allowed to fail (the whole chunk it was sent
 * in reverted with it), or one whose {@link MulticallResult.Failure} was asked for its values.
 * Names the call by its index; {@link #revert()} is its own revert, decoded.
 */
public class MulticallCallException extends EthbusException {
    private final int index;
    private final transient MulticallCall call;
    private final transient Revert revert;

    public MulticallCallException(int index, MulticallCall call, Revert revert) {
        this(index, call, revert, null);
    }

    public MulticallCallException(int index, MulticallCall call, Revert revert, Throwable cause) {
        super("eth_call", null, "multicall call " + index + " (" + call + ") " + revert.describe(), cause);
        this.index = index;
        this.call = call;
        this.revert = revert;
    }

    /** The position of the failed call, 0 for the first call added. */
    public int index() {
        return index;
    }

    public MulticallCall call() {
        return call;
    }

    /** The call's revert data and its decoding. */
    public Revert revert() {
        return revert;
    }
}
