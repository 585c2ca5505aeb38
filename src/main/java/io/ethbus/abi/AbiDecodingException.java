package io.ethbus.abi;

/**
 * Return data, call data, revert data or a log that does not decode as its ABI says: too short,
 * an offset or length outside the data, dirty padding, a bool that is neither 0 nor 1, a wrong
 * topic count or a topic0 of another event. The message names the function, event or error.
 */
public class AbiDecodingException extends AbiException {
    public AbiDecodingException(String message, Throwable cause) {
        super(message, cause);
    }

    public AbiDecodingException(String message) {
        super(message);
    }
}
