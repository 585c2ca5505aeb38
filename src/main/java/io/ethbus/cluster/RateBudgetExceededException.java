package io.ethbus.cluster;

import io.ethbus.rpc.EthbusException;

/** A call would have had to wait longer than allowed for its turn in the endpoint's cluster-wide rate budget. */
public class RateBudgetExceededException extends EthbusException {
    public RateBudgetExceededException(String method, String endpoint, String message) {
        super(method, endpoint, message);
    }
}
