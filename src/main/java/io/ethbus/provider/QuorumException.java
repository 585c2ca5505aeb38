package io.ethbus.provider;

import io.ethbus.rpc.EthbusException;

/** Too few endpoints agreed on the answer of a call that asks for a quorum. */
public class QuorumException extends EthbusException {
    public QuorumException(String method, String endpoint, int needed, int agreeing, int answered) {
        super(method, endpoint, "no quorum: " + needed + " agreeing answers needed, best agreement "
                + agreeing + " of " + answered + " answers");
    }
}
