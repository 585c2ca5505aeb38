package io.ethbus.rpc;

/** The connection to the node could not be made or broke before an answer arrived. */
public class ProviderConnectionException extends EthbusException {
    public ProviderConnectionException(String method, String endpoint, String reason, Throwable cause) {
        super(method, endpoint, "connection failed: " + reason, cause);
    }
}
