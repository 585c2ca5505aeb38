package io.ethbus.rpc;

/**
 * An answer grew past its ceiling ({@code maxResponseBytes}, by default derived from the heap:
 * see {@link ResponseBudget}), or a request body sent to a node verticle is larger than the
 * endpoint's {@code maxRequestBytes}; reading stopped as soon as the limit was crossed, without
 * buffering the rest. The message reads "WHAT exceeds LIMIT bytes (stopped after SEEN)",
 * followed by where the limit came from and how to change it when that is known.
 */
public class PayloadTooLargeException extends EthbusException {
    private final long bytesSeen;
    private final long limit;

    public PayloadTooLargeException(String method, String endpoint, long bytesSeen, long limit) {
        this(method, endpoint, bytesSeen, limit, "answer", null);
    }

    /**
     * @param what   what is too large ("answer", "request body")
     * @param advice where the limit came from and how to change it, or null
     */
    public PayloadTooLargeException(String method, String endpoint, long bytesSeen, long limit, String what, String advice) {
        super(method, endpoint, what + " exceeds " + limit + " bytes (stopped after " + bytesSeen + ")"
                + (advice == null || advice.isBlank() ? "" : ": " + advice));
        this.bytesSeen = bytesSeen;
        this.limit = limit;
    }

    private PayloadTooLargeException(String method, String endpoint, long bytesSeen, long limit, String reason) {
        super(method, endpoint, reason);
        this.bytesSeen = bytesSeen;
        this.limit = limit;
    }

    /**
     * This error, told of the call {@code method}: for a reader that refuses an answer before
     * it knows which call the answer is for (a persistent connection carries many).
     */
    public PayloadTooLargeException forMethod(String method) {
        return new PayloadTooLargeException(method, endpoint(), bytesSeen, limit, reason());
    }

    public long bytesSeen() {
        return bytesSeen;
    }

    public long limit() {
        return limit;
    }
}
