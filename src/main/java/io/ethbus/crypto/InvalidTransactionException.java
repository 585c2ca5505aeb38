package io.ethbus.crypto;

import io.ethbus.rpc.EthbusException;

/** A transaction's fields are missing or out of range, or raw bytes are not a transaction ethbus can decode. */
public class InvalidTransactionException extends EthbusException {
    public InvalidTransactionException(String message) {
        super(null, null, message);
    }

    public InvalidTransactionException(String message, Throwable cause) {
        super(null, null, message, cause);
    }
}
