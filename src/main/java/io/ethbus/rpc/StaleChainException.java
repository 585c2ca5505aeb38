package io.ethbus.rpc;

import java.time.Duration;

/**
 * The node's latest block is older than allowed: the node is probably not syncing, so its
 * answers would describe the past. Thrown by the stale check before the call is sent.
 */
public class StaleChainException extends EthbusException {
    private final long latestBlockNumber;
    private final Duration age;
    private final Duration allowableDelay;

    public StaleChainException(String method, String endpoint, long latestBlockNumber, Duration age, Duration allowableDelay) {
        super(method, endpoint, "the chain looks stale: latest block " + latestBlockNumber + " is "
                + age.toSeconds() + " s old, more than the allowed " + allowableDelay.toSeconds() + " s");
        this.latestBlockNumber = latestBlockNumber;
        this.age = age;
        this.allowableDelay = allowableDelay;
    }

    public long latestBlockNumber() {
        return latestBlockNumber;
    }

    /** How long before the check the latest block was made, by its timestamp. */
    public Duration age() {
        return age;
    }

    public Duration allowableDelay() {
        return allowableDelay;
    }
}
