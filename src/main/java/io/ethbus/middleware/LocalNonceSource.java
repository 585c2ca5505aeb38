package io.ethbus.middleware;

import io.ethbus.primitives.Address;
import io.vertx.core.Future;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * A {@link NonceSource} for one JVM: hands out transaction nonces per account without asking
 * the node each time: the first
 * allocation reads the node's pending count, later ones count up locally, so concurrent
 * sends get distinct, consecutive nonces. A nonce whose send failed is released and handed
 * out again first, so no gap stalls the transactions after it; {@link #resync} makes the
 * next allocation read the node's count again. Thread-safe.
 */
public final class LocalNonceSource implements NonceSource {
    private final Map<Account, AccountNonces> accounts = new HashMap<>();

    /** An account on one chain. */
    private record Account(BigInteger chainId, Address address) {
    }

    /** Per-account state, guarded by the manager's lock. */
    private static final class AccountNonces {
        BigInteger next;
        Future<BigInteger> syncing;
        final TreeSet<BigInteger> released = new TreeSet<>();
    }

    /**
     * The next nonce of {@code address}. {@code pendingCount} is called (once, shared by all
     * allocations waiting meanwhile) when the source does not know the account's count yet.
     */
    @Override
    public Future<BigInteger> allocate(BigInteger chainId, Address address, Supplier<Future<BigInteger>> pendingCount) {
        return reserve(chainId, address, 1, pendingCount);
    }

    /** As {@link #allocate}; a run of several nonces is taken above the released ones, which stay for single allocations. */
    @Override
    public Future<BigInteger> reserve(BigInteger chainId, Address address, int count, Supplier<Future<BigInteger>> pendingCount) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        Account key = new Account(chainId, address);
        Future<BigInteger> sync;
        synchronized (this) {
            AccountNonces state = accounts.computeIfAbsent(key, a -> new AccountNonces());
            if (state.next != null) {
                return Future.succeededFuture(take(state, count));
            }
            if (state.syncing == null) {
                state.syncing = pendingCount.get();
            }
            sync = state.syncing;
        }
        return sync.transform(ar -> {
            synchronized (this) {
                AccountNonces state = accounts.computeIfAbsent(key, a -> new AccountNonces());
                if (state.syncing == sync) {
                    state.syncing = null;
                }
                if (ar.failed()) {
                    return Future.failedFuture(ar.cause());
                }
                if (state.next == null) {
                    state.next = ar.result();
                }
                return Future.succeededFuture(take(state, count));
            }
        });
    }

    @Override
    public synchronized void release(BigInteger chainId, Address address, BigInteger nonce) {
        AccountNonces state = accounts.get(new Account(chainId, address));
        if (state == null || state.next == null || nonce.compareTo(state.next) >= 0) {
            return;
        }
        state.released.add(nonce);
        // Released nonces at the top need not wait in the set: just count down.
        while (!state.released.isEmpty() && state.released.last().equals(state.next.subtract(BigInteger.ONE))) {
            state.next = state.released.pollLast();
        }
    }

    /** Forgets what is known of the account, so that the next allocation reads the node's count again. */
    @Override
    public synchronized void resync(BigInteger chainId, Address address, Supplier<Future<BigInteger>> pendingCount) {
        accounts.remove(new Account(chainId, address));
    }

    private static BigInteger take(AccountNonces state, int count) {
        if (count == 1 && !state.released.isEmpty()) {
            return state.released.pollFirst();
        }
        BigInteger nonce = state.next;
        state.next = nonce.add(BigInteger.valueOf(count));
        return nonce;
    }
}
