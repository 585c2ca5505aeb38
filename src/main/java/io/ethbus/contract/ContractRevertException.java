package io.ethbus.contract;

import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.RpcException;

/**
 * A contract call, gas estimate or transaction that reverted, with the raw revert data and its
 * decoded {@link #reason()}. It is an {@link RpcException} (the node's code, message and data
 * stay readable), so code that catches {@code RpcException} keeps working.
 *
 * <pre>
 * token.call("transfer", to, tooMuch).onFailure(e -&gt; {
 *     if (e instanceof ContractRevertException revert
 *             &amp;&amp; revert.revertReason() instanceof RevertReason.CustomError error) {
 *         BigInteger available = error.arguments().getBigInteger("available");
 *     }
 * });
 * </pre>
 */
public class ContractRevertException extends RpcException {
    private final transient Bytes revertData;
    private final transient RevertReason reason;

    /** The node's {@code error} for a call of {@code method}, with the revert data it held and its decoded reason. */
    public ContractRevertException(String method, String endpoint, RpcError error, Bytes revertData, RevertReason reason) {
        super(method, endpoint, error);
        this.revertData = revertData;
        this.reason = reason;
    }

    /** The revert data as the contract returned it; empty when there was none. */
    public Bytes revertData() {
        return revertData;
    }

    /** The decoded reason: an error message, a panic, a custom error, or the data undecoded. */
    public RevertReason revertReason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + "; reverted: " + reason;
    }
}
