package io.ethbus.primitives;

import io.ethbus.rpc.EthbusException;

/**
 * A decimal amount cannot be read or written exactly in the unit asked for: malformed, negative,
 * more decimals than the unit has, or beyond uint256. The message names the input.
 */
public class InvalidAmountException extends EthbusException {
    public InvalidAmountException(String message) {
        super(null, null, message);
    }
}
