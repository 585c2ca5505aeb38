package io.ethbus.wallet;

import io.ethbus.rpc.EthbusException;

/** A BIP-32 derivation path is malformed: the message names the path and the bad part. */
public class InvalidDerivationPathException extends EthbusException {
    public InvalidDerivationPathException(String message) {
        super(null, null, message);
    }
}
