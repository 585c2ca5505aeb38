package io.ethbus.wallet;

import io.ethbus.rpc.EthbusException;

/** A BIP-32 seed is missing or not 16 to 64 bytes long. */
public class InvalidSeedException extends EthbusException {
    /** {@code message} says what the seed was. */
    public InvalidSeedException(String message) {
        super(null, null, message);
    }
}
