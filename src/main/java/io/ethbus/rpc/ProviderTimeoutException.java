package io.ethbus.rpc;

import java.time.Duration;

/** No complete answer arrived within the configured time. */
public class ProviderTimeoutException extends EthbusException {
    private final Duration timeout;

    public ProviderTimeoutException(String method, String endpoint, Duration timeout, Throwable cause) {
        super(method, endpoint, "no answer within " + timeout.toMillis() + " ms", cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
