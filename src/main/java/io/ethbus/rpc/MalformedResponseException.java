package io.ethbus.rpc;

/**
 * The node answered, but not with a usable JSON-RPC response: not JSON, truncated,
 * an empty body, wrong or missing ids, a batch of the wrong length, invalid hex where a
 * quantity was expected.
 */
public class MalformedResponseException extends EthbusException {
    private final String reason;

    public MalformedResponseException(String method, String endpoint, String reason, Throwable cause) {
        super(method, endpoint, "malformed response: " + reason, cause);
        this.reason = reason;
    }

    public MalformedResponseException(String method, String endpoint, String reason) {
        this(method, endpoint, reason, null);
    }

    public String reason() {
        return reason;
    }
}
