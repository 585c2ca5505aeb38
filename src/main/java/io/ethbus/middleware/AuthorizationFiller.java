package io.ethbus.middleware;

import io.ethbus.crypto.Account;
import io.ethbus.crypto.UnsignedAuthorization;
import io.ethbus.eth.Authorization;
import io.ethbus.eth.TransactionRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs the authorizations an EIP-7702 request leaves unsigned, with the sender's own key (the
 * self-sponsored case), on a worker thread. The sending transaction raises the sender's nonce
 * before its authorizations apply, and each applied authorization raises it again, so the k-th
 * unsigned one without a nonce gets the transaction's nonce + 1 + k; a missing chain id is the
 * transaction's. Signed entries (another authority's) are kept as given.
 */
final class AuthorizationFiller {
    private final Vertx vertx;

    AuthorizationFiller(Vertx vertx) {
        this.vertx = vertx;
    }

    /** True when {@code tx} has authorizations for this layer to sign (so gas can be estimated only after). */
    static boolean leavesUnsigned(TransactionRequest tx) {
        return tx.authorizationList() != null && tx.authorizationList().stream().anyMatch(a -> a.r() == null);
    }

    /** {@code tx} with every authorization signed. */
    Future<TransactionRequest> fill(TransactionRequest tx, Account sender, BigInteger chainId, BigInteger nonce) {
        if (!leavesUnsigned(tx)) {
            return Future.succeededFuture(tx);
        }
        return vertx.executeBlocking(() -> {
            List<Authorization> signed = new ArrayList<>(tx.authorizationList().size());
            BigInteger next = nonce.add(BigInteger.ONE);
            for (Authorization a : tx.authorizationList()) {
                if (a.r() != null) {
                    signed.add(a);
                    continue;
                }
                BigInteger authNonce = a.nonce() != null ? a.nonce() : next;
                next = authNonce.add(BigInteger.ONE);
                signed.add(new UnsignedAuthorization(a.chainId() != null ? a.chainId() : chainId, a.address(), authNonce)
                        .sign(sender));
            }
            return tx.toBuilder().authorizationList(signed).build();
        }, false);
    }
}
