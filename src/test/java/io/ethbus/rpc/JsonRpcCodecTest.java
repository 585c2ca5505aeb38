package io.ethbus.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonRpcCodecTest {
    private static final String ENDPOINT = "http://127.0.0.1:8545";

    @Test
    void encodesTheJsonRpcEnvelope() throws Exception {
        RpcRequest request = new RpcRequest(42, "eth_getBalance", JsonRpcCodec.params("0xabc", "latest"));
        JsonNode sent = JsonRpcCodec.mapper().readTree(JsonRpcCodec.encode(request));
        assertEquals("2.0", sent.get("jsonrpc").asText());
        assertEquals(42, sent.get("id").asLong());
        assertTrue(sent.get("id").isIntegralNumber());
        assertEquals("eth_getBalance", sent.get("method").asText());
        assertEquals("[\"0xabc\",\"latest\"]", sent.get("params").toString());
        assertEquals(4, sent.size());
    }

    @Test
    void missingParamsAreAnEmptyArray() throws Exception {
        JsonNode sent = JsonRpcCodec.mapper().readTree(JsonRpcCodec.encode(new RpcRequest(1, "eth_blockNumber", null)));
        assertTrue(sent.get("params").isArray());
        assertEquals(0, sent.get("params").size());
    }

    @Test
    void paramsKeepEachValueItsJsonType() {
        ArrayNode params = JsonRpcCodec.params(null, "0x1", true, 7, 8L, BigInteger.TEN, Map.of("to", "0xdead"));
        assertEquals("[null,\"0x1\",true,7,8,10,{\"to\":\"0xdead\"}]", params.toString());
    }

    @Test
    void encodesABatchAsAnArrayInOrder() throws Exception {
        List<RpcRequest> batch = List.of(
                new RpcRequest(1, "eth_chainId", null),
                new RpcRequest(2, "eth_blockNumber", null));
        JsonNode sent = JsonRpcCodec.mapper().readTree(JsonRpcCodec.encodeBatch(batch));
        assertTrue(sent.isArray());
        assertEquals(2, sent.size());
        assertEquals("eth_chainId", sent.get(0).get("method").asText());
        assertEquals(2, sent.get(1).get("id").asLong());
    }

    @Test
    void decodesAResult() {
        RpcRequest request = new RpcRequest(5, "eth_chainId", null);
        RpcResponse response = JsonRpcCodec.decodeResponse(
                bytes("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":\"0x1\"}"), request, ENDPOINT);
        assertFalse(response.isError());
        assertEquals("0x1", response.result().asText());
    }

    @Test
    void aByteOrderMarkBeforeTheAnswerIsSteppedOver() {
        RpcRequest request = new RpcRequest(5, "eth_chainId", null);
        byte[] answer = bytes("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":\"0x1\"}");
        byte[] mark = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
        byte[] batch = bytes("[" + new String(answer, java.nio.charset.StandardCharsets.UTF_8) + "]");
        assertEquals("0x1", JsonRpcCodec.decodeResponse(java.util.List.of(mark, answer), request, ENDPOINT).result().asText());
        // the mark cut over two chunks, before a batch answer
        assertEquals("0x1", JsonRpcCodec.decodeBatch(java.util.List.of(java.util.Arrays.copyOf(mark, 1),
                java.util.Arrays.copyOfRange(mark, 1, 3), batch), java.util.List.of(request), ENDPOINT).get(0).result().asText());
    }

    @Test
    void nullIdErrorAnswersTheCall() {
        RpcRequest request = new RpcRequest(5, "eth_chainId", null);
        RpcResponse response = JsonRpcCodec.decodeResponse(
                bytes("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}"), request, ENDPOINT);
        assertTrue(response.isError());
        assertEquals(5, response.id());
        assertEquals(-32700, response.error().code());
    }

    @Test
    void malformedAnswersNameTheMethod() {
        RpcRequest request = new RpcRequest(5, "eth_chainId", null);
        MalformedResponseException e = assertThrows(MalformedResponseException.class,
                () -> JsonRpcCodec.decodeResponse(bytes("<html>"), request, ENDPOINT));
        assertEquals("eth_chainId", e.method());
        assertTrue(e.getMessage().startsWith("eth_chainId @ " + ENDPOINT), e.getMessage());
    }

    @Test
    void batchLabelNamesTheFirstMethods() {
        List<RpcRequest> batch = List.of(
                new RpcRequest(1, "a", null), new RpcRequest(2, "b", null),
                new RpcRequest(3, "c", null), new RpcRequest(4, "d", null));
        assertEquals("batch(4: a, b, c, ...)", JsonRpcCodec.batchLabel(batch));
        assertEquals("batch(1: a)", JsonRpcCodec.batchLabel(batch.subList(0, 1)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
