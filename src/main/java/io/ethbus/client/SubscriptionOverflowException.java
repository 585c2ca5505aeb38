package io.ethbus.client;

import io.ethbus.rpc.EthbusException;

/** A subscription's consumer fell more than its buffer behind, under {@link OverflowPolicy#FAIL}. */
public class SubscriptionOverflowException extends EthbusException {
    public SubscriptionOverflowException(String subscription, int capacity) {
        super(null, null, "subscription " + subscription + " overflowed its buffer of " + capacity + " items");
    }
}
