package io.ethbus.rpc;

/**
 * A request was refused before it left: its params cannot be right for this node (a
 * transaction for another chain, a filter shape a layer cannot serve). Nothing was sent.
 */
public class InvalidRequestException extends EthbusException {
    public InvalidRequestException(String method, String endpoint, String message) {
        super(method, endpoint, message);
    }
}
