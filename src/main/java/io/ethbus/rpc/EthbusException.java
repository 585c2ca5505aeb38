package io.ethbus.rpc;

/**
 * Root of every error a user of ethbus can meet. Carries the JSON-RPC method and the
 * endpoint (secrets already masked) when the error comes from a call; either may be null
 * for errors that are not tied to a call, such as an invalid address typed by a user.
 */
public class EthbusException extends RuntimeException {
    private final String method;
    private final String endpoint;
    private final String reason;

    public EthbusException(String method, String endpoint, String message, Throwable cause) {
        super(compose(method, endpoint, message), cause);
        this.method = method;
        this.endpoint = endpoint;
        this.reason = message;
    }

    public EthbusException(String method, String endpoint, String message) {
        this(method, endpoint, message, null);
    }

    /** The JSON-RPC method of the failed call, or null. */
    public String method() {
        return method;
    }

    /** The endpoint with secrets masked, or null. */
    public String endpoint() {
        return endpoint;
    }

    /** What went wrong, without the method and endpoint that {@link #getMessage()} starts with. */
    public String reason() {
        return reason;
    }

    private static String compose(String method, String endpoint, String message) {
        if (method == null && endpoint == null) {
            return message;
        }
        StringBuilder sb = new StringBuilder();
        if (method != null) {
            sb.append(method);
        }
        if (endpoint != null) {
            sb.append(method != null ? " @ " : "").append(endpoint);
        }
        return sb.append(": ").append(message).toString();
    }
}
