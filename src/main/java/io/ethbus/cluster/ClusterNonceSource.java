package io.ethbus.cluster;

import io.ethbus.primitives.Address;
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
import java.util.function.LongSupplier;
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
 *
 * <p>A nonce claimed but never sent (its member died in between, or the send was lost) holds
 * up the account's later transactions: the node's pending count stays at it. A member that
 * sees the count unchanged below what was handed out for {@link #REBASE_INTERVAL} hands that
 * nonce out again, its own at once, another member's once its claim has expired.
 * Thread-safe; one instance per member, shared by its signers.
 *
 * <pre>new SignAndSendRawMiddleware(vertx, List.of(account), new ClusterNonceSource(member.vertx()))</pre>
 */
public final class ClusterNonceSource implements NonceSource {
    static final String CLAIMS = "ethbus.nonce.claims";
    static final Duration CLAIM_TTL = Duration.ofMinutes(2);
    static final Duration REBASE_INTERVAL = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(ClusterNonceSource.class.getName());

    private final Supplier<Future<AsyncMap<String, String>>> openClaims;
    private final LongSupplier nanoClock;
    private Future<AsyncMap<String, String>> claims;
    /** Tokens are this member's id and a sequence number: unique in the cluster. */
    private final String self = UUID.randomUUID().toString();
    private long issued;
    private final Map<String, AccountNonces> accounts = new HashMap<>();

    /** @param vertx a clustered Vert.x (a local one works too, counting in this JVM only) */
    public ClusterNonceSource(Vertx vertx) {
        this(() -> vertx.sharedData().getAsyncMap(CLAIMS), System::nanoTime);
    }

    /** Over a given claims map and clock: for tests that put faults in the map or move time on. */
    ClusterNonceSource(Supplier<Future<AsyncMap<String, String>>> openClaims, LongSupplier nanoClock) {
        this.openClaims = openClaims;
        this.nanoClock = nanoClock;
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

    /**
     * Claims {@code count} consecutive nonces from the next one to try. A nonce of the run that
     * another member holds, or that the map cannot confirm, ends the try: the run's other nonces
     * are kept to be handed out first by single allocations (claimed anew where needed), and a
     * new run is tried above it.
     */
    @Override
    public Future<BigInteger> reserve(BigInteger chainId, Address address, int count, Supplier<Future<BigInteger>> pendingCount) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        if (count == 1) {
            return allocate(chainId, address, pendingCount);
        }
        AccountNonces account = account(chainId, address);
        return rebase(account, pendingCount, false).compose(v -> claimRun(account, count)).map(BigInteger::valueOf);
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
            token = newToken();
        }
        return claim(account, candidate, token).compose(mine -> mine ? Future.succeededFuture(candidate) : claimNext(account));
    }

    /** Claims a run of {@code count} nonces from the account's next one; see {@link #reserve}. */
    private Future<Long> claimRun(AccountNonces account, int count) {
        long first;
        synchronized (this) {
            first = account.next;
            account.next += count;
        }
        return claimRunFrom(account, first, first, count);
    }

    private Future<Long> claimRunFrom(AccountNonces account, long first, long nonce, int count) {
        if (nonce == first + count) {
            return Future.succeededFuture(first);
        }
        return claim(account, nonce, newToken()).transform(ar -> {
            if (ar.succeeded() && ar.result()) {
                return claimRunFrom(account, first, nonce + 1, count);
            }
            synchronized (this) {
                // Not skipped: the run's other nonces go to single allocations first.
                for (long n = first; n < first + count; n++) {
                    if (n != nonce) {
                        String mine = account.handedOut.remove(n);
                        account.given.put(n, mine != null ? mine : newToken());
                    }
                }
            }
            return ar.failed() ? Future.failedFuture(ar.cause()) : claimRun(account, count);
        });
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
     * A count that stayed the same for {@link #REBASE_INTERVAL} below nonces already handed
     * out is a hole: see {@link #fillHole}.
     */
    private Future<Void> rebase(AccountNonces account, Supplier<Future<BigInteger>> pendingCount, boolean now) {
        Future<Void> asking;
        synchronized (this) {
            boolean fresh = account.next >= 0 && nanoClock.getAsLong() - account.rebasedAt < REBASE_INTERVAL.toNanos();
            if (fresh && !now) {
                return Future.succeededFuture();
            }
            if (account.rebasing != null) {
                return account.next >= 0 ? Future.succeededFuture() : account.rebasing;
            }
            asking = pendingCount.get().map(count -> {
                long pending = count.longValueExact();
                boolean hole;
                synchronized (this) {
                    long at = nanoClock.getAsLong();
                    if (pending != account.pending) {
                        account.pending = pending;
                        account.pendingSince = at;
                    }
                    hole = pending < account.next && at - account.pendingSince >= REBASE_INTERVAL.toNanos();
                    account.next = Math.max(account.next, pending);
                    account.rebasedAt = at;
                    account.given.headMap(pending).clear(); // the node has used those since
                    account.handedOut.headMap(pending).clear();
                }
                if (hole) {
                    fillHole(account, pending);
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

    /**
     * The node's count has stayed at {@code hole} while later nonces were handed out: the
     * transactions after it wait for it. Its send was lost, or its member died between the
     * claim and the send. This member's own claim is handed out again at once; another's is
     * taken once it expired ({@link #CLAIM_TTL}), and handed out by the next allocation.
     */
    private void fillHole(AccountNonces account, long hole) {
        String token;
        synchronized (this) {
            String mine = account.handedOut.remove(hole);
            if (mine != null) {
                account.given.put(hole, mine);
                LOG.log(System.Logger.Level.WARNING, "nonce {0} of {1} is missing on the node: handing it out again",
                        hole, account.key);
                return;
            }
            if (account.given.containsKey(hole)) {
                return;
            }
            token = newToken();
        }
        claim(account, hole, token).onSuccess(mine -> {
            if (mine) {
                synchronized (this) {
                    account.given.put(hole, account.handedOut.remove(hole));
                }
                LOG.log(System.Logger.Level.WARNING, "nonce {0} of {1} was claimed but never sent: handing it out again",
                        hole, account.key);
            }
        });
    }

    private synchronized String newToken() {
        return self + "/" + ++issued;
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
        /** The node's pending count at the last rebase, and since when it has been that. */
        long pending = -1;
        long pendingSince;
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
