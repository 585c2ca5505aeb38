package io.ethbus.middleware;

import io.ethbus.primitives.Address;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Fills a transaction's nonce from a {@link NonceSource} (unless one is given), and tells the
 * source how the send went: a refused send gives its nonces back, and a send whose fate is
 * unknown, or refused over its nonce, makes the source resync with the node's pending count.
 * An EIP-7702 transaction whose sender authorizes k delegations itself uses 1 + k consecutive
 * nonces (each of those authorizations raises the sender's nonce once more when it runs), all
 * reserved at once so that a concurrent send from the account gets the nonce after them.
 */
final class NonceFiller {
    private final NonceSource nonces;

    NonceFiller(NonceSource nonces) {
        this.nonces = nonces;
    }

    /** {@code tx}'s nonce, the first of {@code 1 + ownAuthorizations} reserved when the caller gave none. */
    Future<BigInteger> fill(TransactionRequest tx, BigInteger chainId, int ownAuthorizations, FillerCalls calls) {
        if (tx.nonce() != null) {
            return Future.succeededFuture(tx.nonce());
        }
        return nonces.reserve(chainId, tx.from(), 1 + ownAuthorizations, calls.pendingCount(tx.from()));
    }

    /**
     * After the send of {@code nonce} and the {@code ownAuthorizations} nonces after it, reserved
     * by {@link #fill} (a nonce the caller gave is theirs to manage).
     */
    void settle(AsyncResult<RpcResponse> sent, BigInteger chainId, Address from, BigInteger nonce, int ownAuthorizations,
                FillerCalls calls) {
        if (sent.failed()) {
            // The node may or may not have taken it: only its count can tell.
            nonces.resync(chainId, from, calls.pendingCount(from));
        } else if (sent.result().isError()) {
            String message = String.valueOf(sent.result().error().message()).toLowerCase(Locale.ROOT);
            if (message.contains("nonce")) {
                nonces.resync(chainId, from, calls.pendingCount(from));
            } else {
                // Highest first, so that a source counting down from the top takes them all back.
                for (int k = ownAuthorizations; k >= 0; k--) {
                    nonces.release(chainId, from, nonce.add(BigInteger.valueOf(k)));
                }
            }
        }
    }
}
