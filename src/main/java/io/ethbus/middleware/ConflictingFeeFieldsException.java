package io.ethbus.middleware;

import io.ethbus.rpc.EthbusException;

/** A transaction names both a legacy gasPrice and EIP-1559 fee fields (or a type that contradicts its fees). */
public class ConflictingFeeFieldsException extends EthbusException {
    public ConflictingFeeFieldsException(String method, String message) {
        super(method, null, message);
    }
}
