package io.ethbus.crypto;

import io.ethbus.rpc.EthbusException;

/** A keystore file is not a version 3 keystore ethbus can read: malformed JSON, a missing field, an unsupported cipher or KDF. */
public class InvalidKeystoreException extends EthbusException {
    public InvalidKeystoreException(String message) {
        super(null, null, message);
    }

    public InvalidKeystoreException(String message, Throwable cause) {
        super(null, null, message, cause);
    }
}
