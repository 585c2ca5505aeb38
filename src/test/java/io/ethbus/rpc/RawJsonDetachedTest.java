package io.ethbus.rpc;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A value kept long (by a cache) holds its own bytes, not the body it was sliced from. */
class RawJsonDetachedTest {
    static final byte[] BODY = ("[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x3b9aca00\"},"
            + "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"" + "ab".repeat(50_000) + "\"}]").getBytes(StandardCharsets.UTF_8);

    @Test
    void aSmallResultOfABatchBodyIsCopiedOutAndAWholeValueIsKeptAsItIs() {
        List<RpcResponse> answers = JsonRpcCodec.decodeBatch(List.of(BODY),
                List.of(new RpcRequest(1, "eth_gasPrice", null), new RpcRequest(2, "eth_getCode", null)), "test");
        RpcResponse gasPrice = answers.get(0);
        RpcResponse detached = gasPrice.detached();
        assertNotSame(gasPrice.rawResult(), detached.rawResult());
        assertArrayEquals(gasPrice.rawResult().toBytes(), detached.rawResult().toBytes());
        assertEquals("\"0x3b9aca00\"".length(), detached.rawResult().length());
        assertEquals(gasPrice.id(), detached.id());
        assertSame(detached, detached.detached(), "a value that is its own bytes already is not copied again");

        RawJson cutAcrossChunks = RawJson.chunks(List.of("[1,".getBytes(StandardCharsets.UTF_8), "2]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("[1,2]", new String(cutAcrossChunks.detached().toBytes(), StandardCharsets.UTF_8));
        RpcResponse tree = RpcResponse.success(3, TextNode.valueOf("0x1"));
        assertSame(tree, tree.detached());
    }
}
