package io.ethbus.contract;

import io.ethbus.abi.Revert;
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
 *             &amp;&amp; revert.revertReason() instanceof Revert.CustomError error) {
 *         BigInteger available = error.args().getBigInteger("available");
 *     }
 * });
 * </pre>
 */
public class ContractRevertException extends RpcException {
    private final transient Revert reason;

    /** The node's {@code error} for a call of {@code method}, and the revert data it held, decoded. */
    public ContractRevertException(String method, String endpoint, RpcError error, Revert reason) {
        super(method, endpoint, error);
        this.reason = reason;
    }

    /** The revert data as the contract returned it; empty when there was none. */
    public Bytes revertData() {
        return reason.data();
    }

    /** The decoded reason: an error message, a panic, a custom error, or the data undecoded. */
    public Revert revertReason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return super.getMessage() + "; reverted: " + reason.describe();
    }
}
