package io.ethbus.rpc;

/**
 * An answer grew past the configured ceiling ({@code maxResponseBytes}); reading stopped as
 * soon as the limit was crossed, without buffering the rest.
 */
public class PayloadTooLargeException extends EthbusException {
    private final long bytesSeen;
    private final long limit;

    public PayloadTooLargeException(String method, String endpoint, long bytesSeen, long limit) {
        super(method, endpoint, "answer exceeds " + limit + " bytes (stopped after " + bytesSeen + ")");
        this.bytesSeen = bytesSeen;
        this.limit = limit;
    }

    public long bytesSeen() {
        return bytesSeen;
    }

    public long limit() {
        return limit;
    }
}
