package io.ethbus.primitives;

import io.ethbus.rpc.EthbusException;

/**
 * A string is not an Ethereum address: wrong length, not hex, or mixed case that fails the
 * EIP-55 checksum. The message names the offending input and, for a checksum mismatch,
 * the expected spelling.
 */
public class InvalidAddressException extends EthbusException {
    public InvalidAddressException(String message) {
        super(null, null, message);
    }
}
