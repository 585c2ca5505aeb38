package io.ethbus.ens;

import io.ethbus.rpc.EthbusException;

/** A name that ENSIP-15 rejects (or no name at all); the message names the label and the standard's reason. */
public class InvalidEnsNameException extends EthbusException {
    public InvalidEnsNameException(String name, String reason) {
        super(null, null, "invalid ENS name '" + name + "': " + reason);
    }
}
