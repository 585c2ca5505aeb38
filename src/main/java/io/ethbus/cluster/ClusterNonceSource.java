package io.ethbus.cluster;

import io.ethbus.eth.Address;
import io.ethbus.middleware.NonceSource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A {@link NonceSource} for the whole cluster: members sending from the same key get distinct
 * nonces, none skipped. Each nonce handed out is claimed in the cluster map
 * {@code ethbus.nonce.claims} under {@code <chainId>.<address>.<nonce>} with
 * {@code putIfAbsent} and a token of its own; a member whose claim finds another token there
 * tries the next nonce. Each member keeps the next nonce to try per account, starting at the
 * node's pending count.
 *
 * <p>Why claims and not a shared counter: a Hazelcast operation that was applied but whose
 * answer was lost, as when a member leaves and partitions move, is retried. An increment
 * applied twice skips a nonce, and every later transaction of the account waits behind the
 * skipped one. A retried claim finds its own token and is known as taken.
 *
 * <p>Claims expire after {@link #CLAIM_TTL} (the map holds a few minutes of sends, not the
 * account's history). So that a member never tries a nonce whose claim expired, it moves its
 * next nonce up to the node's pending count again every {@link #REBASE_INTERVAL}, far less
 * than the expiry. A nonce given back is handed out again first by the member that had it,
 * which claims it again if its claim expired meanwhile, and so is a nonce whose claim the map
 * could not confirm; {@link #resync} moves the next nonce up
 * to the node's pending count, never down (other members may have sends in flight).
 * Thread-safe; one instance per member, shared by its signers.
 *
 * <pre>new SignAndSendRawMiddleware(vertx, List.of(account), new ClusterNonceSource(member.vertx()))</pre>
 */
public final class ClusterNonceSource implements NonceSource {
    static final String CLAIMS = "ethbus.nonce.claims";
    static final Duration CLAIM_TTL = Duration.ofMinutes(2);
    static final Duration REBASE_INTERVAL = Duration.ofSeconds(30);

    private final Supplier<Future<AsyncMap<String, String>>> openClaims;
    private Future<AsyncMap<String, String>> claims;
    /** Tokens are this member's id and a sequence number: unique in the cluster. */
    private final String self = UUID.randomUUID().toString();
    private long issued;
    private final Map<String, AccountNonces> accounts = new HashMap<>();

    /** @param vertx a clustered Vert.x (a local one works too, counting in this JVM only) */
    public ClusterNonceSource(Vertx vertx) {
        this(() -> vertx.sharedData().getAsyncMap(CLAIMS));
    }

    /** Over a given claims map: for tests that put faults between this source and the map. */
    ClusterNonceSource(Supplier<Future<AsyncMap<String, String>>> openClaims) {
        this.openClaims = openClaims;
    }

    /** The key prefix of an account's claims on a chain. */
    public static String accountKey(BigInteger chainId, Address address) {
        return chainId + "." + address.toHex().toLowerCase();
    }

    @Override
    public Future<BigInteger> allocate(BigInteger chainId, Address address, Supplier<Future<BigInteger>> pendingCount) {
        AccountNonces account = account(chainId, address);
        Map.Entry<Long, String> given;
        synchronized (this) {
            given = account.given.pollFirstEntry();
        }
        Future<Long> nonce = given != null ? reclaim(account, given.getKey(), given.getValue(), pendingCount)
                : rebase(account, pendingCount, false).compose(v -> claimNext(account));
        return nonce.map(BigInteger::valueOf);
    }

    @Override
    public void release(BigInteger chainId, Address address, BigInteger nonce) {
        AccountNonces account = account(chainId, address);
        synchronized (this) {
            String token = account.handedOut.remove(nonce.longValueExact());
            if (token != null) {
                account.given.put(nonce.longValueExact(), token);
            }
        }
    }

    @Override
    public void resync(BigInteger chainId, Address address, Supplier<Future<BigInteger>> pendingCount) {
        rebase(account(chainId, address), pendingCount, true);
    }

    /** Claims the account's next free nonce, trying upwards past the ones other members hold. */
    private Future<Long> claimNext(AccountNonces account) {
        long candidate;
        String token;
        synchronized (this) {
            candidate = account.next++;
            token = self + "/" + ++issued;
        }
        return claim(account, candidate, token).compose(mine -> mine ? Future.succeededFuture(candidate) : claimNext(account));
    }

    /** Hands out a given-back nonce again, claiming it anew if its claim expired; else the next free one. */
    private Future<Long> reclaim(AccountNonces account, long nonce, String token, Supplier<Future<BigInteger>> pendingCount) {
        return claim(account, nonce, token).compose(mine -> mine ? Future.succeededFuture(nonce)
                : rebase(account, pendingCount, false).compose(v -> claimNext(account)));
    }

    /**
     * Whether {@code nonce} is now claimed with {@code token}: also when a retried claim finds
     * its own token. When the map cannot answer, the nonce may or may not be claimed: it is
     * kept with its token to be tried first next time, so that it is not skipped.
     */
    private Future<Boolean> claim(AccountNonces account, long nonce, String token) {
        return claims().compose(map -> map.putIfAbsent(account.key + "." + nonce, token, CLAIM_TTL.toMillis()))
                .transform(ar -> {
                    synchronized (this) {
                        if (ar.failed()) {
                            account.given.put(nonce, token);
                            return Future.failedFuture(ar.cause());
                        }
                        boolean mine = ar.result() == null || ar.result().equals(token);
                        if (mine) {
                            account.handedOut.put(nonce, token);
                        }
                        return Future.succeededFuture(mine);
                    }
                });
    }

    /**
     * Moves the account's next nonce up to the node's pending count when it is not known yet,
     * was last checked {@link #REBASE_INTERVAL} ago, or {@code now}. One question to the node
     * at a time per account; when it fails, a member that knows a next nonce goes on with it.
     */
    private Future<Void> rebase(AccountNonces account, Supplier<Future<BigInteger>> pendingCount, boolean now) {
        Future<Void> asking;
        synchronized (this) {
            boolean fresh = account.next >= 0 && System.nanoTime() - account.rebasedAt < REBASE_INTERVAL.toNanos();
            if (fresh && !now) {
                return Future.succeededFuture();
            }
            if (account.rebasing != null) {
                return account.next >= 0 ? Future.succeededFuture() : account.rebasing;
            }
            asking = pendingCount.get().map(count -> {
                long pending = count.longValueExact();
                synchronized (this) {
                    account.next = Math.max(account.next, pending);
                    account.rebasedAt = System.nanoTime();
                    account.given.headMap(pending).clear(); // the node has used those since
                    account.handedOut.headMap(pending).clear();
                }
                return (Void) null;
            });
            account.rebasing = asking;
        }
        asking.onComplete(ar -> {
            synchronized (this) {
                account.rebasing = null;
            }
        });
        synchronized (this) {
            return account.next >= 0 && !now ? Future.succeededFuture() : asking;
        }
    }

    /** The claims map, opened again after a failed look-up. */
    private synchronized Future<AsyncMap<String, String>> claims() {
        if (claims == null || claims.failed()) {
            claims = openClaims.get();
        }
        return claims;
    }

    private synchronized AccountNonces account(BigInteger chainId, Address address) {
        return accounts.computeIfAbsent(accountKey(chainId, address), AccountNonces::new);
    }

    /** One account's nonces in this member; guarded by the source's lock. */
    private static final class AccountNonces {
        final String key;
        /** The next nonce to try; -1 until the node's pending count is known. */
        long next = -1;
        long rebasedAt;
        Future<Void> rebasing;
        /** Nonces this member holds claims on and handed out, with their tokens, until the node passes them. */
        final TreeMap<Long, String> handedOut = new TreeMap<>();
        /** Nonces given back, with their tokens: handed out again first, lowest first. */
        final TreeMap<Long, String> given = new TreeMap<>();

        AccountNonces(String key) {
            this.key = key;
        }
    }
}
