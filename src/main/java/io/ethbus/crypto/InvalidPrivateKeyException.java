package io.ethbus.crypto;

import io.ethbus.rpc.EthbusException;

/** A private key is malformed or out of range. The message never repeats the key. */
public class InvalidPrivateKeyException extends EthbusException {
    public InvalidPrivateKeyException(String message) {
        super(null, null, message);
    }
}
