package io.ethbus.ens;

import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.RpcMethod;

/** ENS knows no resolver or no address (or no reverse record) for the name or address asked. */
public class EnsNameNotFoundException extends EthbusException {
    public EnsNameNotFoundException(String what, String endpoint) {
        super(RpcMethod.ETH_CALL.wireName(), endpoint, "ENS has no record for " + what);
    }
}
