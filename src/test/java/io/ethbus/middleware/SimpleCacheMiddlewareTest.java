package io.ethbus.middleware;

import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimpleCacheMiddlewareTest {
    static final String ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    static final String HASH = "0x" + "ab".repeat(32);

    static RpcRequest request(long id, String method, Object... params) {
        return new RpcRequest(id, method, JsonRpcCodec.params(params));
    }

    /** A node that answers each call with a fresh value, so that a second node answer would differ. */
    static CountingTransport counter() {
        int[] n = {0};
        return CountingTransport.answering(r -> RpcResponse.success(r.id(), TextNode.valueOf("answer-" + (++n[0]))));
    }

    @Test
    void answersARepeatedCallFromTheCacheUnderTheCallersId() {
        CountingTransport node = counter();
        RpcTransport transport = new Onion().add(new SimpleCacheMiddleware(16), "simple_cache").around(node);
        RpcResponse first = result(transport.send(request(1, "eth_chainId")));
        RpcResponse second = result(transport.send(request(2, "eth_chainId")));
        assertEquals(1, node.total());
        assertEquals(2, second.id());
        assertEquals(first.result(), second.result());
    }

    @Test
    void cachesReadsPinnedToANumberOrAHash() {
        CountingTransport node = counter();
        RpcTransport transport = new Onion().add(new SimpleCacheMiddleware(16), "simple_cache").around(node);
        for (int i = 0; i < 2; i++) {
            result(transport.send(request(i, "eth_getBalance", ADDRESS, "0x10")));
            result(transport.send(request(i, "eth_getStorageAt", ADDRESS, "0x0", "0x10")));
            result(transport.send(request(i, "eth_getBlockByNumber", "0x10", false)));
            result(transport.send(request(i, "eth_call", Map.of("to", ADDRESS), Map.of("blockHash", HASH))));
            result(transport.send(request(i, "eth_getBlockByHash", HASH, true)));
        }
        assertEquals(5, node.total());
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "pending", "safe", "finalized", "earliest", "LATEST", "not-a-block"})
    void neverCachesReadsAtATag(String tag) {
        CountingTransport node = counter();
        RpcTransport transport = new Onion().add(new SimpleCacheMiddleware(16), "simple_cache").around(node);
        for (int i = 0; i < 2; i++) {
            result(transport.send(request(i, "eth_getBalance", ADDRESS, tag)));
            result(transport.send(request(i, "eth_getBlockByNumber", tag, false)));
            result(transport.send(request(i, "eth_call", Map.of("to", ADDRESS), Map.of("blockNumber", tag))));
        }
        assertEquals(6, node.total());
    }

    @Test
    void neverCachesWithoutABlockParamNorUnlistedMethods() {
        CountingTransport node = counter();
        RpcTransport transport = new Onion().add(new SimpleCacheMiddleware(16), "simple_cache").around(node);
        for (int i = 0; i < 2; i++) {
            result(transport.send(request(i, "eth_getBalance", ADDRESS)));
            result(transport.send(request(i, "eth_blockNumber")));
            result(transport.send(request(i, "eth_getTransactionReceipt", HASH)));
        }
        assertEquals(6, node.total());
    }

    @Test
    void neverCachesErrorsOrNullResults() {
        CountingTransport node = CountingTransport.answering(r -> r.method().equals("eth_getTransactionByHash")
                ? RpcResponse.success(r.id(), NullNode.getInstance())
                : RpcResponse.failure(r.id(), new RpcError(-32000, "header not found")));
        SimpleCacheMiddleware cache = new SimpleCacheMiddleware(16);
        RpcTransport transport = new Onion().add(cache, "simple_cache").around(node);
        for (int i = 0; i < 2; i++) {
            assertTrue(result(transport.send(request(i, "eth_getTransactionByHash", HASH))).result().isNull());
            assertTrue(result(transport.send(request(i, "eth_getBlockByNumber", "0x99999", false))).isError());
        }
        assertEquals(4, node.total());
        assertEquals(0, cache.cache().size());
    }

    @Test
    void evictsTheLeastRecentlyUsedAnswerAtMaxEntries() {
        CountingTransport node = counter();
        SimpleCacheMiddleware cache = new SimpleCacheMiddleware(2);
        RpcTransport transport = new Onion().add(cache, "simple_cache").around(node);
        result(transport.send(request(1, "eth_getBlockByNumber", "0x1", false)));
        result(transport.send(request(2, "eth_getBlockByNumber", "0x2", false)));
        result(transport.send(request(3, "eth_getBlockByNumber", "0x1", false))); // hit: 0x1 is now the youngest
        result(transport.send(request(4, "eth_getBlockByNumber", "0x3", false))); // evicts 0x2
        assertEquals(3, node.total());
        assertEquals(2, cache.cache().size());
        result(transport.send(request(5, "eth_getBlockByNumber", "0x1", false)));
        assertEquals(3, node.total());
        result(transport.send(request(6, "eth_getBlockByNumber", "0x2", false)));
        assertEquals(4, node.total());
        assertEquals(2, cache.cache().hits());
    }
}
