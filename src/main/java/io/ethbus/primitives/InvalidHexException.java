package io.ethbus.primitives;

import io.ethbus.rpc.EthbusException;

/**
 * A string that should be 0x-prefixed hex (data, a hash, a quantity, a block id) is not,
 * or a value does not fit the type asked for. The message names the offending input.
 */
public class InvalidHexException extends EthbusException {
    public InvalidHexException(String message) {
        super(null, null, message);
    }
}
