package io.ethbus.middleware;

import io.ethbus.primitives.Hash;
import io.ethbus.rpc.EthbusException;

import io.ethbus.rpc.RpcMethod;
import java.time.Duration;

/** A transaction's receipt did not appear within the time allowed. The transaction may still be mined later. */
public class ReceiptTimeoutException extends EthbusException {
    private final Hash transactionHash;
    private final Duration timeout;

    public ReceiptTimeoutException(Hash transactionHash, Duration timeout) {
        super(RpcMethod.ETH_GET_TRANSACTION_RECEIPT.wireName(), null,
                "no receipt for " + transactionHash + " within " + timeout.toMillis() + " ms");
        this.transactionHash = transactionHash;
        this.timeout = timeout;
    }

    public Hash transactionHash() {
        return transactionHash;
    }

    public Duration timeout() {
        return timeout;
    }
}
