package io.ethbus.crypto;

import io.ethbus.rpc.EthbusException;

/** Bytes are not valid, canonical RLP, or an RLP item does not have the shape expected of it. */
public class RlpException extends EthbusException {
    public RlpException(String message) {
        super(null, null, message);
    }
}
