package io.ethbus.middleware;

import io.ethbus.crypto.Account;
import io.ethbus.crypto.InvalidSignatureException;
import io.ethbus.crypto.UnsignedAuthorization;
import io.ethbus.eth.Authorization;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.primitives.Address;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs the authorizations an EIP-7702 request leaves unsigned, with the sender's own key (the
 * self-sponsored case), on a worker thread. The sending transaction raises the sender's nonce
 * before its authorizations apply, and each applied authorization raises it again, so the k-th
 * unsigned one without a nonce gets the transaction's nonce + 1 + k (counting the sender's signed
 * ones before it); a missing chain id is the transaction's. Signed entries are kept as given.
 * {@link #countOwn} tells how many nonces after the transaction's its authorizations use.
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

    /**
     * How many of {@code tx}'s authorizations have {@code sender} as authority, each raising its
     * nonce once more: the unsigned ones, which this filler signs with the sender's key, and the
     * signed ones whose signature recovers to the sender (recovered on a worker thread). A
     * signature that recovers to no one is not counted: the node skips that authorization.
     */
    Future<Integer> countOwn(TransactionRequest tx, Address sender) {
        List<Authorization> list = tx.authorizationList();
        if (list == null || list.isEmpty()) {
            return Future.succeededFuture(0);
        }
        if (list.stream().allMatch(a -> a.r() == null)) {
            return Future.succeededFuture(list.size());
        }
        return vertx.executeBlocking(() -> (int) list.stream().filter(a -> a.r() == null || isBy(a, sender)).count(), false);
    }

    /** Whether the signed {@code a}'s authority is {@code sender}. */
    private static boolean isBy(Authorization a, Address sender) {
        try {
            return UnsignedAuthorization.recoverAuthority(a).equals(sender);
        } catch (InvalidSignatureException e) {
            return false;
        }
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
                    if (isBy(a, sender.address())) {
                        next = a.nonce().add(BigInteger.ONE);
                    }
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
