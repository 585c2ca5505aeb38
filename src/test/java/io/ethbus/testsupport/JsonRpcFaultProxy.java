package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.primitives.Keccak;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.JsonRpcCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real node that injects one fault at a time into
 * what it passes: latency, connection resets, HTTP 429 with Retry-After, 503, truncated
 * bodies, garbage, wrong ids, answers that never come, or a lie (every result replaced).
 * Some faults answer well-formed JSON-RPC for the wrong thing, as a confused node or load
 * balancer does: another block's receipts, the ids of two receipt answers swapped, a block
 * without its number, a null block, a block with a wrong hash.
 * It counts requests and every eth_sendRawTransaction it delivered, per transaction hash.
 */
public final class JsonRpcFaultProxy implements AutoCloseable {
    /**
     * The fault applied to each request from now on. LATENCY adds 150 ms, SLOW 1,200 ms.
     * In a batch: OTHER_BLOCK_RECEIPTS asks the node for the second eth_getBlockReceipts' block
     * in place of the first's; SWAP_RECEIPT_IDS swaps the ids of the first two eth_getBlockReceipts
     * answers; DROP_NUMBER removes {@code number} from the first eth_getBlockByNumber answer;
     * NULL_BLOCK answers null for it; CORRUPT_HASH changes the {@code hash} of the last
     * eth_getBlockByNumber answer with full transactions (of the last one when none has them). CUT sends the first half of the node's
     * answer and closes the connection. HUGE_LOGS answers an eth_getLogs call with the node's logs
     * repeated to {@link #hugeAnswerBytes} of well-formed JSON, streamed with back-pressure (other
     * calls pass through). REORGED_LOGS gives the first log of an eth_getLogs answer in a batch
     * another block hash, as if the block had been replaced between the batch's reads. TOO_MANY_LOGS
     * answers each eth_getLogs call of a batch that would return any log with the error a node
     * gives past its result limit (-32005 "query returned more than 10000 results"), so that only
     * ranges without logs pass. NO_TRACE_API
     * answers every debug_ and trace_ call "method not found", as a node without those namespaces does; SHORT_TRACES drops the last trace of each non-empty
     * debug_traceBlockByNumber answer (one transaction's trace missing).
     */
    public enum Fault {
        NONE, LATENCY, SLOW, RESET, TOO_MANY_REQUESTS, UNAVAILABLE, TRUNCATED, GARBAGE, WRONG_ID, STALL, LIE,
        OTHER_BLOCK_RECEIPTS, SWAP_RECEIPT_IDS, DROP_NUMBER, NULL_BLOCK, CORRUPT_HASH, CUT, HUGE_LOGS, REORGED_LOGS,
        TOO_MANY_LOGS,        NO_TRACE_API, SHORT_TRACES
    }

    /** A log as anvil writes one, repeated when the node has none to repeat. */
    private static final String SOME_LOG = "{\"address\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\",\"topics\":"
            + "[\"0xf100d000000000000000000000000000000000000000000000000000000000f1\"],\"data\":\"0x\","
            + "\"blockHash\":\"0x" + "ab".repeat(32) + "\",\"blockNumber\":\"0x1\",\"blockTimestamp\":\"0x1\","
            + "\"transactionHash\":\"0x" + "cd".repeat(32) + "\",\"transactionIndex\":\"0x0\",\"logIndex\":\"0x0\","
            + "\"removed\":false}";
    private volatile long hugeAnswerBytes = 144L * 1000 * 1000;

    private final Vertx vertx;
    private final HttpServer server;
    private final HttpClient client;
    private final int nodePort;
    private final AtomicReference<Fault> fault = new AtomicReference<>(Fault.NONE);
    private final AtomicInteger requests = new AtomicInteger();
    /** A fault for a window of request numbers, over {@link #fault}: {fault, first, last}. */
    private final AtomicReference<Window> window = new AtomicReference<>();

    private record Window(Fault fault, int first, int last) {
    }
    private final Map<String, AtomicInteger> deliveredSends = new ConcurrentHashMap<>();

    public JsonRpcFaultProxy(Vertx vertx, int nodePort) {
        this.vertx = vertx;
        this.nodePort = nodePort;
        this.client = vertx.createHttpClient();
        this.server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> handle(request, body)));
        Await.result(server.listen(0, "127.0.0.1"));
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public void fault(Fault f) {
        fault.set(f);
    }

    /**
     * Applies {@code f} to the requests numbered {@code first}..{@code last} (the first request
     * the proxy sees is 1), whatever their timing; the others get {@link #fault(Fault)}'s fault.
     */
    public void fault(Fault f, int first, int last) {
        window.set(new Window(f, first, last));
    }

    /** The size of a {@link Fault#HUGE_LOGS} answer (144 MB unless set). */
    public void hugeAnswerBytes(long bytes) {
        hugeAnswerBytes = bytes;
    }

    public int requests() {
        return requests.get();
    }

    /** How many times the raw transaction with this hash was passed on to the node. */
    public int delivered(String txHash) {
        AtomicInteger n = deliveredSends.get(txHash.toLowerCase());
        return n == null ? 0 : n.get();
    }

    private void handle(HttpServerRequest request, Buffer body) {
        int n = requests.incrementAndGet();
        Window w = window.get();
        Fault f = w != null && n >= w.first() && n <= w.last() ? w.fault() : fault.get();
        switch (f) {
            case RESET -> request.connection().close();
            case TOO_MANY_REQUESTS -> request.response().setStatusCode(429).putHeader("Retry-After", "1").end("slow down");
            case UNAVAILABLE -> request.response().setStatusCode(503).end("<html>unavailable</html>");
            case GARBAGE -> request.response().putHeader("content-type", "application/json").end("{\"jsonrpc\":\"2.0\",<<garbage");
            case LATENCY -> vertx.setTimer(150, t -> forward(request, body, Fault.NONE));
            case SLOW -> vertx.setTimer(1_200, t -> forward(request, body, Fault.NONE));
            case STALL -> forwardAndStall(body);
            case CUT -> forwardAndCut(request, body);
            case HUGE_LOGS -> {
                if (body.toString().contains("\"eth_getLogs\"")) {
                    forwardAndFlood(request, body);
                } else {
                    forward(request, body, Fault.NONE);
                }
            }
            default -> forward(request, body, f);
        }
    }

    private void forward(HttpServerRequest request, Buffer body, Fault answerFault) {
        countSends(body);
        Buffer sent = answerFault == Fault.OTHER_BLOCK_RECEIPTS ? askForOtherReceipts(body) : body;
        client.request(HttpMethod.POST, nodePort, "127.0.0.1", "/")
                .compose(out -> out.putHeader("content-type", "application/json").send(sent))
                .compose(answer -> answer.body())
                .onSuccess(answer -> request.response().putHeader("content-type", "application/json")
                        .end(spoil(body, answer, answerFault)))
                .onFailure(e -> request.response().setStatusCode(502).end(e.toString()));
    }

    /** The node gets the request; the caller never gets the answer. */
    private void forwardAndStall(Buffer body) {
        countSends(body);
        client.request(HttpMethod.POST, nodePort, "127.0.0.1", "/")
                .compose(out -> out.putHeader("content-type", "application/json").send(body));
    }

    /** The first half of the node's answer, then the connection closes. */
    private void forwardAndCut(HttpServerRequest request, Buffer body) {
        client.request(HttpMethod.POST, nodePort, "127.0.0.1", "/")
                .compose(out -> out.putHeader("content-type", "application/json").send(body))
                .compose(answer -> answer.body())
                .onSuccess(answer -> request.response().putHeader("content-type", "application/json").setChunked(true)
                        .write(answer.getBuffer(0, Math.max(1, answer.length() / 2)))
                        .onComplete(w -> request.connection().close()));
    }

    /** The node's logs for the call, repeated to {@link #hugeAnswerBytes}; stops when the caller goes away. */
    private void forwardAndFlood(HttpServerRequest request, Buffer body) {
        client.request(HttpMethod.POST, nodePort, "127.0.0.1", "/")
                .compose(out -> out.putHeader("content-type", "application/json").send(body))
                .compose(answer -> answer.body())
                .onSuccess(answer -> {
                    JsonNode parsed = JsonRpcCodec.parse(answer.getBytes(), "proxy", "proxy");
                    JsonNode logs = parsed.path("result");
                    String log = logs.isArray() && !logs.isEmpty() ? logs.get(0).toString() : SOME_LOG;
                    StringBuilder chunk = new StringBuilder();
                    while (chunk.length() < 64 * 1024) {
                        chunk.append(log).append(',');
                    }
                    HttpServerResponse response = request.response().putHeader("content-type", "application/json")
                            .setChunked(true);
                    response.exceptionHandler(e -> { });
                    response.write("{\"jsonrpc\":\"2.0\",\"id\":" + parsed.path("id") + ",\"result\":[");
                    flood(response, Buffer.buffer(chunk.toString()), log, hugeAnswerBytes);
                });
    }

    private void flood(HttpServerResponse response, Buffer chunk, String last, long left) {
        while (!response.closed() && left > chunk.length() && !response.writeQueueFull()) {
            response.write(chunk);
            left -= chunk.length();
        }
        if (response.closed()) {
            return;
        }
        if (left > chunk.length()) {
            long rest = left;
            response.drainHandler(v -> flood(response, chunk, last, rest));
            return;
        }
        response.end(last + "]}");
    }

    private static Buffer spoil(Buffer request, Buffer answer, Fault f) {
        return switch (f) {
            case TRUNCATED -> answer.getBuffer(0, Math.max(1, answer.length() / 2));
            case WRONG_ID -> Buffer.buffer(answer.toString().replaceFirst("\"id\":\\s*\\d+", "\"id\":987654321"));
            case LIE -> Buffer.buffer(answer.toString().replaceFirst("\"result\":\\s*\"[^\"]*\"", "\"result\":\"0x1\""));
            case SWAP_RECEIPT_IDS, DROP_NUMBER, NULL_BLOCK, CORRUPT_HASH, REORGED_LOGS, TOO_MANY_LOGS -> misanswer(request, answer, f);
            case NO_TRACE_API, SHORT_TRACES -> spoilTraces(request, answer, f);
            default -> answer;
        };
    }

    /** The answer (one or a batch) with the trace calls' answers spoilt as {@code f} says. */
    private static Buffer spoilTraces(Buffer request, Buffer answer, Fault f) {
        JsonNode asked = JsonRpcCodec.parse(request.getBytes(), "proxy", "proxy");
        JsonNode answered = JsonRpcCodec.parse(answer.getBytes(), "proxy", "proxy");
        Map<String, String> methods = new HashMap<>();
        for (JsonNode call : asked.isArray() ? asked : List.of(asked)) {
            methods.put(call.path("id").toString(), call.path("method").asText());
        }
        for (JsonNode a : answered.isArray() ? answered : List.of(answered)) {
            ObjectNode one = (ObjectNode) a;
            String method = methods.getOrDefault(one.path("id").toString(), "");
            if (f == Fault.NO_TRACE_API && (method.startsWith("debug_") || method.startsWith("trace_"))) {
                one.remove("result");
                one.putObject("error").put("code", -32601).put("message", "Method not found");
            } else if (f == Fault.SHORT_TRACES && method.equals("debug_traceBlockByNumber")
                    && one.path("result").isArray() && !one.path("result").isEmpty()) {
                ((ArrayNode) one.get("result")).remove(one.get("result").size() - 1);
            }
        }
        return Buffer.buffer(answered.toString());
    }

    /** The batch with the first eth_getBlockReceipts asking for the second one's block. */
    private static Buffer askForOtherReceipts(Buffer body) {
        JsonNode batch = JsonRpcCodec.parse(body.getBytes(), "proxy", "proxy");
        List<ObjectNode> calls = calls(batch, "eth_getBlockReceipts");
        if (calls.size() >= 2) {
            ((ArrayNode) calls.get(0).get("params")).set(0, calls.get(1).get("params").get(0).deepCopy());
        }
        return Buffer.buffer(batch.toString());
    }

    /** The batch answer, well-formed, with one answer for the wrong thing. */
    private static Buffer misanswer(Buffer request, Buffer answer, Fault f) {
        JsonNode batch = JsonRpcCodec.parse(request.getBytes(), "proxy", "proxy");
        JsonNode answers = JsonRpcCodec.parse(answer.getBytes(), "proxy", "proxy");
        if (!answers.isArray()) {
            return answer;
        }
        Map<String, ObjectNode> byId = new HashMap<>();
        answers.forEach(a -> byId.put(a.path("id").toString(), (ObjectNode) a));
        List<ObjectNode> blocks = calls(batch, "eth_getBlockByNumber").stream().map(c -> byId.get(c.path("id").toString())).toList();
        switch (f) {
            case SWAP_RECEIPT_IDS -> {
                List<ObjectNode> receipts = calls(batch, "eth_getBlockReceipts").stream()
                        .map(c -> byId.get(c.path("id").toString())).toList();
                if (receipts.size() >= 2) {
                    JsonNode id = receipts.get(0).get("id");
                    receipts.get(0).set("id", receipts.get(1).get("id"));
                    receipts.get(1).set("id", id);
                }
            }
            case DROP_NUMBER -> ((ObjectNode) blocks.get(0).get("result")).remove("number");
            case NULL_BLOCK -> blocks.get(0).putNull("result");
            case CORRUPT_HASH -> {
                List<ObjectNode> all = calls(batch, "eth_getBlockByNumber");
                boolean anyFull = all.stream().anyMatch(c -> c.path("params").path(1).asBoolean());
                // the full blocks when there are any (headers beside a chunk are not), else every block
                List<ObjectNode> full = all.stream()
                        .filter(c -> !anyFull || c.path("params").path(1).asBoolean())
                        .map(c -> byId.get(c.path("id").toString())).toList();
                ObjectNode block = (ObjectNode) full.get(full.size() - 1).get("result");
                String hash = block.get("hash").asText();
                block.put("hash", hash.substring(0, hash.length() - 1) + (hash.endsWith("0") ? "1" : "0"));
            }
            case REORGED_LOGS -> calls(batch, "eth_getLogs").stream().map(c -> byId.get(c.path("id").toString()))
                    .map(a -> a.get("result")).filter(logs -> logs.size() > 0).findFirst()
                    .ifPresent(logs -> ((ObjectNode) logs.get(0)).put("blockHash", "0x" + "0e".repeat(32)));
            case TOO_MANY_LOGS -> calls(batch, "eth_getLogs").stream().map(c -> byId.get(c.path("id").toString()))
                    .filter(a -> a.path("result").size() > 0).forEach(a -> {
                        a.remove("result");
                        a.putObject("error").put("code", -32005).put("message", "query returned more than 10000 results");
                    });
            default -> throw new IllegalArgumentException(f.name());
        }
        return Buffer.buffer(answers.toString());
    }

    /** The calls of {@code method} in a request, in order. */
    private static List<ObjectNode> calls(JsonNode request, String method) {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode c : request.isArray() ? request : List.of(request)) {
            if (method.equals(c.path("method").asText())) {
                out.add((ObjectNode) c);
            }
        }
        return out;
    }

    private void countSends(Buffer body) {
        JsonNode call = JsonRpcCodec.parse(body.getBytes(), "proxy", "proxy");
        for (JsonNode c : call.isArray() ? call : JsonRpcCodec.params(call)) {
            if ("eth_sendRawTransaction".equals(c.path("method").asText())) {
                byte[] raw = Hex.decode(c.path("params").path(0).asText());
                String hash = Bytes.wrap(Keccak.keccak256(raw)).toHex();
                deliveredSends.computeIfAbsent(hash, h -> new AtomicInteger()).incrementAndGet();
            }
        }
    }

    @Override
    public void close() {
        Await.result(server.close());
        Await.result(client.close());
    }
}
