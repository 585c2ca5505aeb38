package io.ethbus.client;

import io.ethbus.middleware.ReceiptTimeoutException;
import io.ethbus.eth.Eth;
import io.ethbus.primitives.Hash;
import io.ethbus.eth.Receipt;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.Objects;

/**
 * Waits for a transaction's receipt by polling eth_getTransactionReceipt on a Vert.x timer;
 * no thread is ever blocked while waiting.
 *
 * <pre>new ReceiptWaiter(vertx, client.eth()).waitForReceipt(hash, Duration.ofSeconds(30)).onSuccess(r -&gt; ...)</pre>
 */
public final class ReceiptWaiter {
    /** Poll interval unless another is chosen: short, because a dev chain mines at once. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(100);

    private final Vertx vertx;
    private final Eth eth;
    private final long pollMillis;

    public ReceiptWaiter(Vertx vertx, Eth eth) {
        this(vertx, eth, DEFAULT_POLL_INTERVAL);
    }

    public ReceiptWaiter(Vertx vertx, Eth eth, Duration pollInterval) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.eth = Objects.requireNonNull(eth, "eth");
        this.pollMillis = Math.max(1, pollInterval.toMillis());
    }

    /**
     * The receipt once the transaction is mined; fails with {@link ReceiptTimeoutException}
     * when none appears within {@code timeout}, or with the call's error when polling fails.
     */
    public Future<Receipt> waitForReceipt(Hash transactionHash, Duration timeout) {
        Promise<Receipt> promise = Promise.promise();
        poll(transactionHash, timeout, System.nanoTime() + timeout.toNanos(), promise);
        return promise.future();
    }

    private void poll(Hash hash, Duration timeout, long deadlineNanos, Promise<Receipt> promise) {
        eth.getTransactionReceipt(hash).onComplete(ar -> {
            if (ar.failed()) {
                promise.fail(ar.cause());
            } else if (ar.result().isPresent()) {
                promise.complete(ar.result().get());
            } else {
                long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    promise.fail(new ReceiptTimeoutException(hash, timeout));
                } else {
                    vertx.setTimer(Math.min(pollMillis, remainingMillis), id -> poll(hash, timeout, deadlineNanos, promise));
                }
            }
        });
    }
}
