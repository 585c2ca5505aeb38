package io.ethbus.abi;

import io.ethbus.rpc.EthbusException;

/**
 * A contract call, event or ABI that ethbus refuses before anything is sent: a malformed ABI or
 * signature, an unknown or ambiguous name, a wrong argument count, a Java value of the wrong type
 * or out of range for its ABI type. The message names the function, event or error and, for an
 * argument, its index and name, e.g.
 * {@code transfer(address,uint256): argument 1 (amount): 2^256 does not fit uint256}.
 */
public class AbiException extends EthbusException {
    public AbiException(String message) {
        super(null, null, message);
    }

    public AbiException(String message, Throwable cause) {
        super(null, null, message, cause);
    }
}
