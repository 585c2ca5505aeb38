package io.ethbus.cluster;

import io.ethbus.rpc.EthbusException;

/** This JVM could not join the cluster: unreadable configuration, no free port, TLS store missing. */
public class ClusterStartException extends EthbusException {
    public ClusterStartException(String message, Throwable cause) {
        super(null, null, message, cause);
    }
}
