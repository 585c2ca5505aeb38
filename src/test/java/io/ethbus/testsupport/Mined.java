package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.client.EthClient;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Waits (on a test thread, bounded) until a sent transaction is mined. Anvil's automine may
 * answer eth_sendTransaction a moment before the block with the transaction exists.
 */
public final class Mined {
    private static final long LIMIT_NANOS = 10_000_000_000L;

    private Mined() {
    }

    /** The raw receipt of {@code hash} once it exists. */
    public static JsonNode receipt(RpcCaller caller, String hash) {
        return receipt(h -> caller.request("eth_getTransactionReceipt", h), hash);
    }

    /**
     * The transaction {@code hash} once the node reports it with its block (not pending). Anvil
     * may still answer a transaction from its pool, without its block, a moment after its
     * receipt exists.
     */
    public static JsonNode transaction(RpcCaller caller, String hash) {
        return transaction(h -> caller.request("eth_getTransactionByHash", h), hash);
    }

    /** As {@link #transaction(RpcCaller, String)}, through {@code client}. */
    public static JsonNode transaction(EthClient client, String hash) {
        return transaction(h -> client.request("eth_getTransactionByHash", h), hash);
    }

    private static JsonNode transaction(Function<String, Future<JsonNode>> lookup, String hash) {
        return receipt(h -> lookup.apply(h).map(tx -> tx == null || tx.isNull() || tx.path("blockNumber").isNull()
                || tx.path("blockNumber").isMissingNode() ? null : tx), hash);
    }

    public static JsonNode receipt(EthClient client, String hash) {
        return receipt(h -> client.request("eth_getTransactionReceipt", h), hash);
    }

    private static JsonNode receipt(Function<String, Future<JsonNode>> lookup, String hash) {
        long until = System.nanoTime() + LIMIT_NANOS;
        while (System.nanoTime() < until) {
            JsonNode receipt = Await.result(lookup.apply(hash));
            if (receipt != null && !receipt.isNull()) {
                return receipt;
            }
            LockSupport.parkNanos(10_000_000L);
        }
        throw new AssertionError("transaction " + hash + " not mined within 10 s");
    }
}
