package io.ethbus.typeddata;

import io.ethbus.rpc.EthbusException;

/**
 * EIP-712 typed data that cannot be hashed: an unknown type, a missing or extra field, a value
 * out of range for its type, a bad address, a type that contains itself with no way out, a
 * primary type that is not defined. {@link #path()} names the place, such as
 * {@code message.to.wallet} or {@code types.Mail.to}.
 */
public class InvalidTypedDataException extends EthbusException {
    private final String path;

    public InvalidTypedDataException(String path, String message) {
        super(null, null, path + ": " + message);
        this.path = path;
    }

    /** Where in the typed data the problem is, in dotted form with [i] for array elements. */
    public String path() {
        return path;
    }
}
