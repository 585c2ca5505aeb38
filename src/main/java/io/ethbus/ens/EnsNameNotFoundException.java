package io.ethbus.ens;

import io.ethbus.rpc.EthbusException;

/** ENS knows no resolver or no address (or no reverse record) for the name or address asked. */
public class EnsNameNotFoundException extends EthbusException {
    public EnsNameNotFoundException(String what, String endpoint) {
        super("eth_call", endpoint, "ENS has no record for " + what);
    }
}
