package io.ethbus.cluster;

import io.ethbus.rpc.EthbusException;

import java.util.Optional;

/**
 * A transaction send reached the event bus but no answer came back: the member that took
 * it may have died before or after passing it to the node. It is never resent
 * automatically; check the transaction by {@link #transactionHash()} (known for
 * eth_sendRawTransaction) before sending again.
 */
public class UnknownOutcomeException extends EthbusException {
    private final String transactionHash;

    public UnknownOutcomeException(String method, String endpoint, String transactionHash, Throwable cause) {
        super(method, endpoint, "outcome unknown: the member serving the send did not answer ("
                + (cause == null ? "no reply" : cause.getMessage()) + ")"
                + (transactionHash == null ? "" : "; check transaction " + transactionHash), cause);
        this.transactionHash = transactionHash;
    }

    /** The hash of the transaction sent, when the request carried it signed. */
    public Optional<String> transactionHash() {
        return Optional.ofNullable(transactionHash);
    }
}
