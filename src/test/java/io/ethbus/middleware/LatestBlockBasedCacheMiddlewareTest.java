package io.ethbus.middleware;

import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.ethbus.middleware.SimpleCacheMiddlewareTest.request;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LatestBlockBasedCacheMiddlewareTest {
    final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    long head = 100;

    CountingTransport chain() {
        return CountingTransport.answering(r -> RpcResponse.success(r.id(), TextNode.valueOf(
                r.method().equals("eth_blockNumber") ? Hex.quantity(head) : r.method() + "@" + head)));
    }

    @Test
    void averageBlockTimeFollowsTheObservedHeadChanges() {
        CountingTransport node = chain();
        LatestBlockBasedCacheMiddleware cache = new LatestBlockBasedCacheMiddleware(16, Duration.ofSeconds(1), clock);
        RpcTransport transport = new Onion().add(cache, "latest_block_cache").around(node);
        result(transport.send(request(1, "eth_gasPrice")));
        assertEquals(Duration.ofSeconds(1), cache.averageBlockTime());

        // Two blocks in 10 s: 5 s a block, so the next look is due 5 s later.
        head += 2;
        clock.advance(Duration.ofSeconds(10));
        assertEquals("eth_gasPrice@102", result(transport.send(request(2, "eth_gasPrice"))).result().textValue());
        assertEquals(Duration.ofSeconds(5), cache.averageBlockTime());

        head += 1;
        clock.advance(Duration.ofMillis(4_999));
        assertEquals("eth_gasPrice@102", result(transport.send(request(3, "eth_gasPrice"))).result().textValue());
        clock.advance(Duration.ofMillis(1));
        assertEquals("eth_gasPrice@103", result(transport.send(request(4, "eth_gasPrice"))).result().textValue());
        assertEquals(3, node.count("eth_blockNumber"));
        assertEquals(3, node.count("eth_gasPrice"));
    }

    @Test
    void cachesReadsWithoutABlockParamAsLatestButNotPinnedOrPending() {
        CountingTransport node = chain();
        RpcTransport transport = new Onion()
                .add(new LatestBlockBasedCacheMiddleware(16, Duration.ofSeconds(1), clock), "latest_block_cache").around(node);
        String address = "0x" + "11".repeat(20);
        for (int i = 0; i < 2; i++) {
            result(transport.send(request(i, "eth_getTransactionCount", address)));
            result(transport.send(request(i, "eth_getTransactionCount", address, "pending")));
            result(transport.send(request(i, "eth_getTransactionCount", address, "0x5")));
            result(transport.send(request(i, "eth_feeHistory", "0x4", "latest", List.of(25, 75))));
            result(transport.send(request(i, "eth_getBlockByNumber", "pending", false)));
        }
        assertEquals(5, node.count("eth_getTransactionCount"));
        assertEquals(1, node.count("eth_feeHistory"));
        assertEquals(2, node.count("eth_getBlockByNumber"));
    }

    @Test
    void concurrentCallsShareOneLookAtTheHead() {
        CountingTransport node = chain();
        RpcTransport transport = new Onion()
                .add(new LatestBlockBasedCacheMiddleware(16, Duration.ofSeconds(1), clock), "latest_block_cache").around(node);
        result(transport.sendBatch(List.of(request(1, "eth_gasPrice"), request(2, "eth_getCode", "0x" + "11".repeat(20)),
                request(3, "eth_blockNumber"))));
        assertEquals(1, node.count("eth_blockNumber"));
    }

    @Test
    void passesCallsThroughUncachedWhenTheHeadCannotBeRead() {
        CountingTransport node = new CountingTransport(new RpcTransportStub());
        RpcTransport transport = new Onion()
                .add(new LatestBlockBasedCacheMiddleware(16, Duration.ofSeconds(1), clock), "latest_block_cache").around(node);
        for (int i = 0; i < 2; i++) {
            assertEquals("ok", result(transport.send(request(i, "eth_gasPrice"))).result().textValue());
        }
        assertEquals(2, node.count("eth_blockNumber"));
        assertEquals(2, node.count("eth_gasPrice"));
    }

    /** A node whose eth_blockNumber always fails to arrive and that answers anything else. */
    static final class RpcTransportStub implements RpcTransport {
        @Override
        public Future<RpcResponse> send(RpcRequest request) {
            return request.method().equals("eth_blockNumber")
                    ? Future.failedFuture(new ProviderConnectionException("eth_blockNumber", "stub", "refused", null))
                    : Future.succeededFuture(RpcResponse.success(request.id(), TextNode.valueOf("ok")));
        }

        @Override
        public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String endpoint() {
            return "stub";
        }
    }
}
