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
 * source how the send went: a refused send gives its nonce back, and a send whose fate is
 * unknown, or refused over its nonce, makes the source resync with the node's pending count.
 */
final class NonceFiller {
    private final NonceSource nonces;

    NonceFiller(NonceSource nonces) {
        this.nonces = nonces;
    }

    Future<BigInteger> fill(TransactionRequest tx, BigInteger chainId, FillerCalls calls) {
        if (tx.nonce() != null) {
            return Future.succeededFuture(tx.nonce());
        }
        return nonces.allocate(chainId, tx.from(), calls.pendingCount(tx.from()));
    }

    /**
     * After the send of {@code nonce}, allocated by {@link #fill} (a nonce the caller gave is theirs
     * to manage). {@code ownAuthorizations}: the transaction carried the sender's own EIP-7702
     * authorizations, each of which raises its nonce once more when the transaction runs, by a
     * count only the node keeps; so a taken send makes the source resync.
     */
    void settle(AsyncResult<RpcResponse> sent, BigInteger chainId, Address from, BigInteger nonce, FillerCalls calls,
                boolean ownAuthorizations) {
        if (sent.succeeded() && !sent.result().isError() && ownAuthorizations) {
            nonces.resync(chainId, from, calls.pendingCount(from));
        } else if (sent.failed()) {
            // The node may or may not have taken it: only its count can tell.
            nonces.resync(chainId, from, calls.pendingCount(from));
        } else if (sent.result().isError()) {
            String message = String.valueOf(sent.result().error().message()).toLowerCase(Locale.ROOT);
            if (message.contains("nonce")) {
                nonces.resync(chainId, from, calls.pendingCount(from));
            } else {
                nonces.release(chainId, from, nonce);
            }
        }
    }
}
