package io.ethbus.client;

import io.ethbus.middleware.ReceiptTimeoutException;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Hash;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AnvilExtension.class)
class ReceiptWaiterTest {
    @Test
    void anUnknownTransactionTimesOutWithATypedErrorAfterPolling(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        try {
            EthClient client = EthClient.direct(provider);
            result(client.eth().blockNumber()); // connect first, so that polling time is not spent on set-up
            AtomicInteger polls = new AtomicInteger();
            client.middlewareOnion().add((request, next) -> {
                polls.incrementAndGet();
                return next.handle(request);
            }, "counter");
            Hash unknown = Hash.of("0x" + "ab".repeat(32));
            long start = System.nanoTime();
            Throwable e = failure(new ReceiptWaiter(vertx, client.eth(), Duration.ofMillis(50))
                    .waitForReceipt(unknown, Duration.ofMillis(800)));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            ReceiptTimeoutException timeout = assertInstanceOf(ReceiptTimeoutException.class, e);
            assertEquals(unknown, timeout.transactionHash());
            assertTrue(elapsedMillis >= 800, "waited the full timeout: " + elapsedMillis);
            assertTrue(polls.get() >= 2, "polled more than once: " + polls.get());
        } finally {
            result(provider.close());
            result(vertx.close());
        }
    }
}
