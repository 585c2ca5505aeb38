package io.ethbus.rpc;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@link RpcCall#raw} and {@link Batch#addRaw}: the node's text as it came, or written from a middleware's tree. */
class RawCallTest {
    /** A transport answering every request of a batch from a function of the request, through the real codec. */
    private record ScriptedTransport(Function<RpcRequest, String> answer) implements RpcTransport {
        @Override
        public Future<RpcResponse> send(RpcRequest request) {
            return sendBatch(List.of(request)).map(list -> list.get(0));
        }

        @Override
        public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
            List<String> items = new ArrayList<>();
            for (RpcRequest r : requests) {
                items.add("{\"jsonrpc\":\"2.0\",\"id\":" + r.id() + "," + answer.apply(r) + "}");
            }
            byte[] body = ("[" + String.join(",", items) + "]").getBytes(StandardCharsets.UTF_8);
            return Future.succeededFuture(JsonRpcCodec.decodeBatch(body, requests, endpoint()));
        }

        @Override
        public String endpoint() {
            return "scripted";
        }
    }

    @Test
    void rawResultsAreTheNodesTextUnchanged() {
        String block = "{\"number\":\"0x1\",  \"hash\":\"0xAB\", \"transactions\":[ ]}";
        Batch batch = new RpcCaller(new ScriptedTransport(r -> r.method().equals("eth_getBlockByNumber")
                ? "\"result\":" + block : "\"result\":null")).batch();
        Future<RawJson> found = batch.addRaw("eth_getBlockByNumber", "0x1", true);
        Future<RawJson> missing = batch.addRaw("eth_getBlockReceipts", "0x9");
        batch.send();
        // spacing and letter case as the node sent them: no tree was made and written again
        assertEquals(block, new String(found.result().toBytes(), StandardCharsets.UTF_8));
        assertEquals(true, missing.result().isNull());
    }

    @Test
    void anErrorAnswerFailsTyped() {
        Batch batch = new RpcCaller(new ScriptedTransport(r -> "\"error\":{\"code\":-32000,\"message\":\"header not found\"}")).batch();
        Future<RawJson> answer = batch.addRaw("eth_getBlockByNumber", "0x1", true);
        batch.send();
        RpcException e = assertInstanceOf(RpcException.class, answer.cause());
        assertEquals(-32000, e.code());
    }

    @Test
    void aResultAMiddlewareMadeATreeIsWrittenAsText() {
        RpcCall<RawJson> call = RpcCall.raw("eth_chainId", JsonRpcCodec.params());
        RpcResponse tree = RpcResponse.success(1, JsonNodeFactory.instance.textNode("0x1"));
        assertNull(tree.rawResult());
        assertEquals("\"0x1\"", new String(call.read(tree, "e").toBytes(), StandardCharsets.UTF_8));
        RawJson text = RawJson.of("[1,2]");
        assertSame(text, call.read(RpcResponse.success(1, text), "e"));
    }
}
