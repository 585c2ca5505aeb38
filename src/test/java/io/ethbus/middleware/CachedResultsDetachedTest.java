package io.ethbus.middleware;

import io.ethbus.primitives.Hex;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RawJson;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.ethbus.middleware.SimpleCacheMiddlewareTest.request;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Each cache keeps a small result that arrived in a large batch body as its own bytes, so
 * that the cache does not keep the whole body alive.
 */
class CachedResultsDetachedTest {
    /** A node whose every answer is the first result of a batch body of about 1 MB. */
    static CountingTransport bodiesOfAMegabyte() {
        return CountingTransport.answering(r -> {
            String value = r.method().equals("eth_blockNumber") ? Hex.quantity(100) : "0x3b9aca00";
            byte[] body = ("[{\"jsonrpc\":\"2.0\",\"id\":" + r.id() + ",\"result\":\"" + value + "\"},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":" + (r.id() + 1) + ",\"result\":\"" + "ab".repeat(500_000) + "\"}]")
                    .getBytes(StandardCharsets.UTF_8);
            return JsonRpcCodec.decodeBatch(body, List.of(r, new RpcRequest(r.id() + 1, "eth_getCode", null)), "test").get(0);
        });
    }

    @Test
    void everyCacheHoldsItsOwnBytes() {
        MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
        // each cache with a method it keeps
        List<Map.Entry<Middleware, String>> caches = List.of(Map.entry(new SimpleCacheMiddleware(16), "eth_chainId"),
                Map.entry(new TimeBasedCacheMiddleware(Duration.ofSeconds(10), 16, clock), "eth_chainId"),
                Map.entry(new LatestBlockBasedCacheMiddleware(16, Duration.ofSeconds(1), clock), "eth_gasPrice"));
        for (Map.Entry<Middleware, String> entry : caches) {
            String name = entry.getKey().getClass().getSimpleName();
            CountingTransport node = bodiesOfAMegabyte();
            RpcTransport transport = new Onion().add(entry.getKey(), "cache").around(node);
            RpcResponse first = result(transport.send(request(1, entry.getValue())));
            RpcResponse second = result(transport.send(request(2, entry.getValue())));
            assertEquals(1, node.count(entry.getValue()), name + " answered from its cache");
            RawJson kept = second.rawResult();
            assertSame(kept, kept.detached(), name + " keeps a result detached from its body");
            assertEquals("\"0x3b9aca00\"", new String(kept.toBytes(), StandardCharsets.UTF_8));
            assertEquals(first.rawResult(), kept);
        }
    }
}
