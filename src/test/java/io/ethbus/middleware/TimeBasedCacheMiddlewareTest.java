package io.ethbus.middleware;

import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.ethbus.middleware.SimpleCacheMiddlewareTest.counter;
import static io.ethbus.middleware.SimpleCacheMiddlewareTest.request;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeBasedCacheMiddlewareTest {
    final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));

    @Test
    void answersFromTheCacheUntilTheExpiryHasPassed() {
        CountingTransport node = counter();
        RpcTransport transport = new Onion()
                .add(new TimeBasedCacheMiddleware(Duration.ofSeconds(10), 16, clock), "time_based_cache").around(node);
        RpcResponse first = result(transport.send(request(1, "eth_gasPrice")));
        clock.advance(Duration.ofMillis(9_999));
        RpcResponse second = result(transport.send(request(2, "eth_gasPrice")));
        assertEquals(1, node.total());
        assertEquals(first.result(), second.result());
        assertEquals(2, second.id());

        clock.advance(Duration.ofMillis(1));
        RpcResponse third = result(transport.send(request(3, "eth_gasPrice")));
        assertEquals(2, node.total());
        assertNotEquals(first.result(), third.result());
    }

    @Test
    void cachesOnlyItsListAndNeverErrors() {
        CountingTransport node = CountingTransport.answering(r -> r.method().equals("net_peerCount")
                ? RpcResponse.failure(r.id(), new RpcError(-32601, "method not found"))
                : RpcResponse.success(r.id(), com.fasterxml.jackson.databind.node.TextNode.valueOf("0x1")));
        RpcTransport transport = new Onion()
                .add(new TimeBasedCacheMiddleware(Duration.ofMinutes(1), 16, clock), "time_based_cache").around(node);
        for (int i = 0; i < 2; i++) {
            result(transport.send(request(i, "net_peerCount")));
            result(transport.send(request(i, "eth_blockNumber")));
            result(transport.send(request(i, "eth_chainId")));
        }
        assertEquals(2, node.count("net_peerCount"));
        assertEquals(2, node.count("eth_blockNumber"));
        assertEquals(1, node.count("eth_chainId"));
    }

    @Test
    void refusesANonPositiveExpiry() {
        assertThrows(IllegalArgumentException.class, () -> new TimeBasedCacheMiddleware(Duration.ZERO, 16, clock));
    }
}
