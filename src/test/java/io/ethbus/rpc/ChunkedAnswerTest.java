package io.ethbus.rpc;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An answer decoded from the chunks its body arrived in, never joined, reads exactly as the
 * same answer decoded from one array: the same responses, raw results with the same bytes
 * (whichever chunk boundaries a value spans), the same typed records, and the same errors
 * for bad bodies.
 */
class ChunkedAnswerTest {
    private static final String ENDPOINT = "http://127.0.0.1:8545";
    private static final List<RpcRequest> BATCH = requests();

    private static List<RpcRequest> requests() {
        List<RpcRequest> requests = new ArrayList<>();
        for (int i = 0; i < ResponseDecodingFuzzTest.CALLS.size(); i++) {
            RpcCall<?> call = ResponseDecodingFuzzTest.CALLS.get(i);
            requests.add(new RpcRequest(i + 1, call.method(), call.params()));
        }
        requests.add(new RpcRequest(100, "eth_getBlockByNumber", JsonRpcCodec.params("0x99", false)));
        return List.copyOf(requests);
    }

    /** A batch answer holding every fixture result, a null result and an error, answered in reverse order. */
    private static byte[] batchAnswer() {
        StringBuilder sb = new StringBuilder("[{\"jsonrpc\":\"2.0\",\"id\":100,\"result\":null},")
                .append("{\"jsonrpc\":\"2.0\",\"id\":99,\"error\":{\"code\":-32000,\"message\":\"header not found\"}}");
        for (int i = ResponseDecodingFuzzTest.RESULTS.size() - 1; i >= 0; i--) {
            sb.append(",{\"jsonrpc\":\"2.0\",\"id\":").append(i + 1).append(",\"result\":")
                    .append(ResponseDecodingFuzzTest.RESULTS.get(i)).append('}');
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code body} cut into chunks of {@code size} bytes. */
    private static List<byte[]> cut(byte[] body, int size) {
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < body.length; at += size) {
            chunks.add(Arrays.copyOfRange(body, at, Math.min(body.length, at + size)));
        }
        return chunks;
    }

    /** {@code body} cut at random places, with empty chunks here and there. */
    private static List<byte[]> cutRandomly(byte[] body, SplittableRandom random) {
        List<byte[]> chunks = new ArrayList<>();
        for (int at = 0; at < body.length; ) {
            int n = random.nextInt(4) == 0 ? 0 : Math.min(body.length - at, 1 + random.nextInt(300));
            chunks.add(Arrays.copyOfRange(body, at, at + n));
            at += n;
        }
        return chunks;
    }

    private static byte[] written(RawJson raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        raw.writeTo(out);
        return out.toByteArray();
    }

    private static void assertSameAnswer(List<RpcResponse> whole, List<RpcResponse> chunked) throws IOException {
        assertEquals(whole, chunked);
        for (int i = 0; i < whole.size(); i++) {
            RawJson expected = whole.get(i).rawResult();
            RawJson actual = chunked.get(i).rawResult();
            if (expected == null) {
                assertEquals(null, actual);
                continue;
            }
            assertEquals(expected.length(), actual.length());
            assertArrayEquals(expected.toBytes(), actual.toBytes());
            assertArrayEquals(expected.toBytes(), written(actual));
            assertEquals(expected.toString(), actual.toString());
            assertEquals(expected, actual);
            assertEquals(actual, expected);
            assertEquals(expected.hashCode(), actual.hashCode());
            assertEquals(expected.isNull(), actual.isNull());
            assertEquals(expected.excerpt(), actual.excerpt());
            assertEquals(expected.toTree(), actual.toTree()); // through the parser over the chunks
            if (i < ResponseDecodingFuzzTest.CALLS.size()) {
                RpcCall<?> call = ResponseDecodingFuzzTest.CALLS.get(i);
                assertEquals(call.read(whole.get(i), ENDPOINT), call.read(chunked.get(i), ENDPOINT), call.method());
            }
        }
    }

    @Test
    void aBatchReadsTheSameWhereverTheChunksEnd() throws IOException {
        byte[] body = batchAnswer();
        List<RpcRequest> requests = new ArrayList<>(BATCH);
        requests.add(new RpcRequest(99, "eth_getBlockByNumber", JsonRpcCodec.params("0x98", false)));
        List<RpcResponse> whole = JsonRpcCodec.decodeBatch(body, requests, ENDPOINT);
        assertTrue(whole.get(whole.size() - 1).isError() && whole.get(whole.size() - 2).isNullResult());
        for (int size : new int[] {1, 2, 3, 7, 64, 1000, body.length}) {
            assertSameAnswer(whole, JsonRpcCodec.decodeBatch(cut(body, size), requests, ENDPOINT));
        }
        SplittableRandom random = new SplittableRandom(ResponseDecodingFuzzTest.SEED);
        for (int round = 0; round < 20; round++) {
            assertSameAnswer(whole, JsonRpcCodec.decodeBatch(cutRandomly(body, random), requests, ENDPOINT));
        }
    }

    @Test
    void oneCallReadsTheSameWhereverTheChunksEnd() throws IOException {
        RpcRequest request = BATCH.get(0);
        byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + ResponseDecodingFuzzTest.BLOCK + "}").getBytes(StandardCharsets.UTF_8);
        RpcResponse whole = JsonRpcCodec.decodeResponse(body, request, ENDPOINT);
        for (int size : new int[] {1, 5, 100, 4096}) {
            assertSameAnswer(List.of(whole), List.of(JsonRpcCodec.decodeResponse(cut(body, size), request, ENDPOINT)));
        }
    }

    @Test
    void badBodiesFailAlikeInChunks() {
        RpcRequest request = BATCH.get(0);
        byte[] good = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + ResponseDecodingFuzzTest.BLOCK + "}").getBytes(StandardCharsets.UTF_8);
        List<byte[]> bad = List.of(
                Arrays.copyOf(good, good.length - 40),                          // truncated
                (new String(good, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8), // trailing value
                "  \n\t ".getBytes(StandardCharsets.UTF_8),                      // blank
                new byte[0],
                "<html>busy</html>".getBytes(StandardCharsets.UTF_8),
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"0x1\"}".getBytes(StandardCharsets.UTF_8)); // foreign id
        for (byte[] body : bad) {
            MalformedResponseException whole = assertThrows(MalformedResponseException.class,
                    () -> JsonRpcCodec.decodeResponse(body, request, ENDPOINT));
            for (int size : new int[] {1, 13, 1 << 20}) {
                MalformedResponseException chunked = assertThrows(MalformedResponseException.class,
                        () -> JsonRpcCodec.decodeResponse(cut(body, size), request, ENDPOINT));
                assertEquals(whole.reason(), chunked.reason());
            }
        }
        assertEquals("empty body", assertThrows(MalformedResponseException.class,
                () -> JsonRpcCodec.decodeResponse(List.of(), request, ENDPOINT)).reason());
    }

    @Test
    void anExcerptOfChunksCopiesOnlyItsHead() {
        byte[] body = ("x".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        assertEquals(Excerpt.of(body), Excerpt.of(cut(body, 7)));
        assertTrue(Excerpt.of(cut(body, 7)).endsWith("... (5000 bytes)"), Excerpt.of(cut(body, 7)));
        byte[] small = "{\"a\": 1}".getBytes(StandardCharsets.UTF_8);
        assertEquals(Excerpt.of(small), Excerpt.of(cut(small, 3)));
    }
}
