package io.ethbus.cluster;

import io.ethbus.rpc.EthbusException;

import java.time.Duration;

/**
 * A call would have had to wait longer than allowed for its turn in the endpoint's cluster-wide
 * rate budget; it was not sent, and took no turn.
 */
public class RateBudgetExceededException extends EthbusException {
    private final long requestsPerSecond;
    private final Duration nextTurnIn;
    private final Duration maxWait;

    public RateBudgetExceededException(String method, String endpoint, long requestsPerSecond, Duration nextTurnIn,
                                       Duration maxWait) {
        super(method, endpoint, "rate budget of " + requestsPerSecond + " calls/s: next turn in about "
                + nextTurnIn.toMillis() + " ms, more than the " + maxWait.toMillis() + " ms a call may wait");
        this.requestsPerSecond = requestsPerSecond;
        this.nextTurnIn = nextTurnIn;
        this.maxWait = maxWait;
    }

    /** The budget the call was refused by. */
    public long requestsPerSecond() {
        return requestsPerSecond;
    }

    /** How long the call would have had to wait for its turn (an estimate at the time of refusal). */
    public Duration nextTurnIn() {
        return nextTurnIn;
    }

    /** How long a call may wait for its turn. */
    public Duration maxWait() {
        return maxWait;
    }
}
