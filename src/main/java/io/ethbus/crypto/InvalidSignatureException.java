package io.ethbus.crypto;

import io.ethbus.rpc.EthbusException;

/** A signature is malformed or no public key can be recovered from it. */
public class InvalidSignatureException extends EthbusException {
    public InvalidSignatureException(String message) {
        super(null, null, message);
    }
}
