package io.ethbus.middleware;

import io.ethbus.primitives.Address;
import io.vertx.core.Future;

import java.math.BigInteger;
import java.util.function.Supplier;

/**
 * Hands out the nonces of sending accounts, per chain, so that concurrent sends get distinct
 * consecutive nonces without asking the node each time. {@link LocalNonceSource} counts in
 * this JVM; the cluster package's ClusterNonceSource counts once for the whole cluster,
 * so several members may send from the same key.
 *
 * <p>{@code pendingCount} is asked (eth_getTransactionCount with "pending") only when the
 * source does not know the account's count yet or has to check it against the node.
 */
public interface NonceSource {
    /** The next nonce of {@code address} on chain {@code chainId}. */
    Future<BigInteger> allocate(BigInteger chainId, Address address, Supplier<Future<BigInteger>> pendingCount);

    /**
     * The first of {@code count} consecutive nonces of {@code address}, all kept for one
     * transaction: an EIP-7702 one whose sender's own authorizations each use a nonce after the
     * transaction's. Concurrent allocations get nonces outside the run. {@code reserve(.., 1, ..)}
     * is {@link #allocate}.
     */
    Future<BigInteger> reserve(BigInteger chainId, Address address, int count, Supplier<Future<BigInteger>> pendingCount);

    /** Gives back a nonce whose transaction the node did not take, to be handed out again first. */
    void release(BigInteger chainId, Address address, BigInteger nonce);

    /** The node disagreed about the account's nonce, or may have: bring the count in line with the node's. */
    void resync(BigInteger chainId, Address address, Supplier<Future<BigInteger>> pendingCount);
}
