package io.ethbus.devchain;

import io.ethbus.rpc.EthbusException;

/** The dev chain could not be started, did not answer, or could not be stopped cleanly. */
public class DevChainException extends EthbusException {
    public DevChainException(String message, Throwable cause) {
        super(null, null, message, cause);
    }

    public DevChainException(String message) {
        this(message, null);
    }
}
