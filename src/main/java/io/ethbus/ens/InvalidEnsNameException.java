package io.ethbus.ens;

import io.ethbus.rpc.EthbusException;

/** A name that ENS cannot hash: an empty label, or a character outside the supported set. */
public class InvalidEnsNameException extends EthbusException {
    public InvalidEnsNameException(String name, String reason) {
        super(null, null, "invalid ENS name '" + name + "': " + reason);
    }
}
