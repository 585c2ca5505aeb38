package io.ethbus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** HttpProvider against a local HTTP server that answers each test's way, good or bad. */
class HttpProviderTest {
    private static final String METHOD = "eth_blockNumber";

    private static Vertx vertx;
    private static HttpServer server;
    private static int port;
    // Set by each test before it sends; the server runs it for every request.
    private static volatile Answer answer;
    private static final AtomicInteger hits = new AtomicInteger();
    private static final AtomicReference<MultiMap> lastHeaders = new AtomicReference<>();
    private static final Set<HttpConnection> connections = ConcurrentHashMap.newKeySet();

    private HttpProvider provider;

    /** How the test server answers one request. */
    private interface Answer {
        void answer(HttpServerRequest request, Buffer body) throws Exception;
    }

    @BeforeAll
    static void startServer() throws Exception {
        vertx = Vertx.vertx();
        server = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(req -> {
                    hits.incrementAndGet();
                    lastHeaders.set(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()));
                    connections.add(req.connection());
                    req.body().onSuccess(body -> {
                        try {
                            answer.answer(req, body);
                        } catch (Exception e) {
                            req.response().setStatusCode(599).end(e.toString());
                        }
                    });
                })
                .listen());
        port = server.actualPort();
    }

    @AfterAll
    static void stopServer() throws Exception {
        await(vertx.close());
    }

    @BeforeEach
    void newProvider() {
        hits.set(0);
        connections.clear();
        lastHeaders.set(null);
        answer = (req, body) -> fail("test set no answer");
        provider = new HttpProvider(vertx, HttpProviderOptions.builder(url("/"))
                .requestTimeout(Duration.ofSeconds(3))
                .build());
    }

    @AfterEach
    void closeProvider() throws Exception {
        await(provider.close());
    }

    // ---- single calls -------------------------------------------------------------------

    @Test
    void resultComesBack() throws Exception {
        answer = (req, body) -> {
            JsonNode sent = JsonRpcCodec.mapper().readTree(body.getBytes());
            assertEquals(METHOD, sent.get("method").asText());
            json(req, 200, "{\"jsonrpc\":\"2.0\",\"id\":" + sent.get("id") + ",\"result\":\"0x10\"}");
        };
        RpcResponse response = await(provider.send(call(7)));
        assertEquals(7, response.id());
        assertEquals("0x10", response.result().asText());
        assertEquals("application/json", lastHeaders.get().get("Content-Type"));
    }

    @Test
    void nonJsonTextIsMalformed() {
        answer = (req, body) -> req.response().putHeader("Content-Type", "text/plain").end("Bad Gateway, try later");
        assertSendFails(MalformedResponseException.class);
    }

    @Test
    void htmlErrorPageWithStatus200IsMalformed() {
        answer = (req, body) -> req.response().putHeader("Content-Type", "text/html")
                .end("<html><body><h1>502 Bad Gateway</h1></body></html>");
        MalformedResponseException e = assertSendFails(MalformedResponseException.class);
        assertTrue(e.getMessage().contains("<html>"), e.getMessage());
    }

    @Test
    void status500IsHttpStatusExceptionWithExcerpt() {
        answer = (req, body) -> req.response().setStatusCode(500).end("internal failure in upstream");
        HttpStatusException e = assertSendFails(HttpStatusException.class);
        assertEquals(500, e.status());
        assertTrue(e.retryAfter().isEmpty());
        assertTrue(e.getMessage().contains("internal failure in upstream"), e.getMessage());
    }

    @Test
    void status429CarriesRetryAfterSeconds() {
        answer = (req, body) -> req.response().setStatusCode(429).putHeader("Retry-After", "7").end("slow down");
        HttpStatusException e = assertSendFails(HttpStatusException.class);
        assertEquals(429, e.status());
        assertEquals(Duration.ofSeconds(7), e.retryAfter().orElseThrow());
    }

    @Test
    void status503CarriesRetryAfterHttpDate() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30));
        answer = (req, body) -> req.response().setStatusCode(503).putHeader("Retry-After", date).end();
        HttpStatusException e = assertSendFails(HttpStatusException.class);
        assertEquals(503, e.status());
        long seconds = e.retryAfter().orElseThrow().toSeconds();
        assertTrue(seconds >= 20 && seconds <= 31, "Retry-After " + seconds + " s from " + date);
    }

    @Test
    void status404IsHttpStatusException() {
        answer = (req, body) -> req.response().setStatusCode(404).end("no such path");
        assertEquals(404, assertSendFails(HttpStatusException.class).status());
    }

    @Test
    void emptyBodyIsMalformed() {
        answer = (req, body) -> req.response().setStatusCode(200).end();
        assertSendFails(MalformedResponseException.class);
    }

    @Test
    void truncatedJsonIsMalformed() {
        answer = (req, body) -> json(req, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x");
        MalformedResponseException e = assertSendFails(MalformedResponseException.class);
        assertTrue(e.reason().contains("truncated"), e.getMessage());
    }

    @Test
    void wrongIdIsMalformed() {
        answer = (req, body) -> json(req, 200, "{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x1\"}");
        assertSendFails(MalformedResponseException.class);
    }

    @Test
    void missingIdIsMalformed() {
        answer = (req, body) -> json(req, 200, "{\"jsonrpc\":\"2.0\",\"result\":\"0x1\"}");
        assertSendFails(MalformedResponseException.class);
    }

    @Test
    void resultAndErrorTogetherIsMalformed() {
        answer = (req, body) -> json(req, 200,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\",\"error\":{\"code\":-32000,\"message\":\"x\"}}");
        assertSendFails(MalformedResponseException.class);
    }

    @Test
    void jsonRpcErrorAnswerIsAResponseNotAFailure() throws Exception {
        answer = (req, body) -> json(req, 200,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"method not found\"}}");
        RpcResponse response = await(provider.send(call(1)));
        assertTrue(response.isError());
        assertEquals(-32601, response.error().code());
        assertEquals("method not found", response.error().message());
    }

    // ---- batches ------------------------------------------------------------------------

    @Test
    void emptyBatchSucceedsWithoutARequest() throws Exception {
        assertEquals(List.of(), await(provider.sendBatch(List.of())));
        assertEquals(0, hits.get());
    }

    @Test
    void reorderedBatchAnswerIsMatchedById() throws Exception {
        answer = (req, body) -> json(req, 200, "[{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":\"c\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"b\"}]");
        List<RpcResponse> responses = await(provider.sendBatch(List.of(call(1), call(2), call(3))));
        assertEquals(List.of(1L, 2L, 3L), responses.stream().map(RpcResponse::id).toList());
        assertEquals(List.of("a", "b", "c"), responses.stream().map(r -> r.result().asText()).toList());
    }

    @Test
    void oneFailedItemCarriesItsOwnError() throws Exception {
        answer = (req, body) -> json(req, 200, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":2,\"error\":{\"code\":-32000,\"message\":\"header not found\"}},"
                + "{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":\"c\"}]");
        List<RpcResponse> responses = await(provider.sendBatch(List.of(call(1), call(2), call(3))));
        assertFalse(responses.get(0).isError());
        assertTrue(responses.get(1).isError());
        assertEquals("header not found", responses.get(1).error().message());
        assertFalse(responses.get(2).isError());
    }

    @Test
    void batchOfWrongLengthIsMalformed() {
        answer = (req, body) -> json(req, 200, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\"}]");
        assertBatchFails(MalformedResponseException.class);
    }

    @Test
    void batchWithUnknownIdIsMalformed() {
        answer = (req, body) -> json(req, 200, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\"},"
                + "{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":\"b\"}]");
        assertBatchFails(MalformedResponseException.class);
    }

    @Test
    void wholeBatchErrorObjectIsRpcException() {
        answer = (req, body) -> json(req, 200,
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,\"message\":\"batch too large\"}}");
        RpcException e = assertBatchFails(RpcException.class);
        assertEquals(-32600, e.code());
    }

    @Test
    void batchStatus500NamesTheBatch() {
        answer = (req, body) -> req.response().setStatusCode(500).end();
        assertEquals(500, assertBatchFails(HttpStatusException.class).status());
    }

    @Test
    void duplicateIdsInABatchAreRefusedWithoutARequest() {
        Throwable e = failureOf(provider.sendBatch(List.of(call(1), call(1))));
        assertInstanceOf(IllegalArgumentException.class, e);
        assertEquals(0, hits.get());
    }

    // ---- transport failures -------------------------------------------------------------

    @Test
    void stalledServerTimesOutWithinRequestTimeout() throws Exception {
        answer = (req, body) -> { /* never answers */ };
        HttpProvider fast = new HttpProvider(vertx, HttpProviderOptions.builder(url("/"))
                .requestTimeout(Duration.ofMillis(400)).build());
        try {
            long start = System.nanoTime();
            Throwable e = failureOf(fast.send(call(1)));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertInstanceOf(ProviderTimeoutException.class, e, String.valueOf(e));
            assertNamesMethod(e, METHOD);
            assertEquals(Duration.ofMillis(400), ((ProviderTimeoutException) e).timeout());
            assertTrue(elapsedMs >= 350 && elapsedMs < 2400, "timed out after " + elapsedMs + " ms");
        } finally {
            await(fast.close());
        }
    }

    @Test
    void slowlyDrippingAnswerTimesOutWithinRequestTimeout() throws Exception {
        // A byte every 100 ms keeps the connection busy, so only a whole-call limit ends it.
        answer = (req, body) -> {
            req.response().setChunked(true).putHeader("Content-Type", "application/json").write("{\"jsonrpc\":\"2.0\",");
            long drip = vertx.setPeriodic(100, id -> req.response().write(" "));
            req.connection().closeHandler(v -> vertx.cancelTimer(drip));
        };
        HttpProvider fast = new HttpProvider(vertx, HttpProviderOptions.builder(url("/"))
                .requestTimeout(Duration.ofMillis(400)).build());
        try {
            long start = System.nanoTime();
            Throwable e = failureOf(fast.send(call(1)));
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertInstanceOf(ProviderTimeoutException.class, e, String.valueOf(e));
            assertNamesMethod(e, METHOD);
            assertTrue(elapsedMs < 2400, "timed out after " + elapsedMs + " ms");
        } finally {
            await(fast.close());
        }
    }

    @Test
    void connectionRefusedIsConnectionException() throws Exception {
        HttpProvider refused = new HttpProvider(vertx, HttpProviderOptions.of("http://127.0.0.1:" + closedPort() + "/"));
        try {
            Throwable e = failureOf(refused.send(call(1)));
            assertInstanceOf(ProviderConnectionException.class, e, String.valueOf(e));
            assertNamesMethod(e, METHOD);
        } finally {
            await(refused.close());
        }
    }

    @Test
    void serverClosingMidResponseIsATypedFailure() {
        answer = (req, body) -> {
            req.response().putHeader("Content-Length", "1000").write("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x");
            vertx.setTimer(50, id -> req.connection().close());
        };
        Throwable e = failureOf(provider.send(call(1)));
        assertTrue(e instanceof ProviderConnectionException || e instanceof MalformedResponseException, String.valueOf(e));
        assertNamesMethod(e, METHOD);
    }

    @Test
    void closeFailsCallsInFlightAndLaterCalls() throws Exception {
        answer = (req, body) -> { /* never answers */ };
        Future<RpcResponse> pending = provider.send(call(1));
        awaitCondition(() -> hits.get() == 1);
        await(provider.close());
        Throwable e = failureOf(pending);
        assertTrue(e instanceof ProviderConnectionException || e instanceof ProviderTimeoutException, String.valueOf(e));
        assertInstanceOf(ProviderConnectionException.class, failureOf(provider.send(call(2))));
    }

    // ---- connection features ------------------------------------------------------------

    @Test
    void gzipAnswerIsDecompressed() throws Exception {
        answer = (req, body) -> {
            String accepted = req.getHeader("Accept-Encoding");
            if (accepted == null || !accepted.contains("gzip")) {
                req.response().setStatusCode(400).end("no gzip accepted: " + accepted);
                return;
            }
            req.response().putHeader("Content-Type", "application/json").putHeader("Content-Encoding", "gzip")
                    .end(Buffer.buffer(gzip("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0xgz\"}")));
        };
        assertEquals("0xgz", await(provider.send(call(1))).result().asText());
    }

    @Test
    void gzipOffAsksForNoCompression() throws Exception {
        answer = (req, body) -> json(req, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}");
        HttpProvider plain = new HttpProvider(vertx, HttpProviderOptions.builder(url("/")).gzip(false).build());
        try {
            await(plain.send(call(1)));
            assertNull(lastHeaders.get().get("Accept-Encoding"));
        } finally {
            await(plain.close());
        }
    }

    @Test
    void extraHeadersReachTheServer() throws Exception {
        answer = (req, body) -> json(req, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}");
        HttpProvider withHeaders = new HttpProvider(vertx, HttpProviderOptions.builder(url("/rpc"))
                .header("Authorization", "Bearer token-123")
                .header("X-Tenant", "ethbus-test")
                .build());
        try {
            await(withHeaders.send(call(1)));
            assertEquals("Bearer token-123", lastHeaders.get().get("Authorization"));
            assertEquals("ethbus-test", lastHeaders.get().get("X-Tenant"));
        } finally {
            await(withHeaders.close());
        }
    }

    @Test
    void keepAliveReusesOneConnection() throws Exception {
        answer = (req, body) -> json(req, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}");
        for (int i = 0; i < 5; i++) {
            await(provider.send(call(1)));
        }
        assertEquals(5, hits.get());
        assertEquals(1, connections.size());
    }

    @Test
    void idleConnectionIsClosedAfterIdleTimeout() throws Exception {
        answer = (req, body) -> json(req, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x1\"}");
        HttpProvider shortIdle = new HttpProvider(vertx, HttpProviderOptions.builder(url("/"))
                .idleTimeout(Duration.ofSeconds(1)).build());
        try {
            await(shortIdle.send(call(1)));
            Thread.sleep(2500);
            await(shortIdle.send(call(1)));
            assertEquals(2, connections.size());
        } finally {
            await(shortIdle.close());
        }
    }

    @Test
    void largeBodyRoundTrips() throws Exception {
        answer = (req, body) -> json(req, 200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + body.length() + "}");
        String big = "0x" + "ab".repeat(64 * 1024);
        RpcResponse response = await(provider.send(new RpcRequest(1, "eth_sendRawTransaction", JsonRpcCodec.params(big))));
        assertTrue(response.result().asInt() > 128 * 1024);
    }

    @Test
    void secretsInTheUrlNeverAppearInMessages() throws Exception {
        String key = "0123456789abcdef0123456789";
        String secretPath = "/v3/" + key + "?apikey=SECRET";
        HttpProvider secret = new HttpProvider(vertx, HttpProviderOptions.builder(
                "http://user:pw@127.0.0.1:" + port + secretPath).requestTimeout(Duration.ofMillis(400)).build());
        HttpProvider refused = new HttpProvider(vertx, HttpProviderOptions.builder(
                "http://user:pw@127.0.0.1:" + closedPort() + secretPath).build());
        try {
            assertTrue(!secret.endpoint().contains("pw") && !secret.endpoint().contains("SECRET")
                    && !secret.endpoint().contains(key), secret.endpoint());

            answer = (req, body) -> req.response().setStatusCode(500).end("failed for " + req.uri());
            assertNoSecret(failureOf(secret.send(call(1))), key);
            // The credentials in the URL went out as Basic authentication.
            assertEquals("Basic dXNlcjpwdw==", lastHeaders.get().get("Authorization"));

            answer = (req, body) -> req.response().end("not json");
            assertNoSecret(failureOf(secret.send(call(1))), key);

            answer = (req, body) -> json(req, 200, "[]");
            assertNoSecret(failureOf(secret.sendBatch(List.of(call(1), call(2)))), key);

            answer = (req, body) -> { /* never answers */ };
            assertNoSecret(failureOf(secret.send(call(1))), key);

            answer = (req, body) -> {
                req.response().putHeader("Content-Length", "100").write("{");
                vertx.setTimer(50, id -> req.connection().close());
            };
            assertNoSecret(failureOf(secret.send(call(1))), key);

            assertNoSecret(failureOf(refused.send(call(1))), key);
        } finally {
            await(secret.close());
            await(refused.close());
        }
    }

    // ---- helpers ------------------------------------------------------------------------

    private static RpcRequest call(long id) {
        return new RpcRequest(id, METHOD, JsonRpcCodec.params());
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static void json(HttpServerRequest req, int status, String text) {
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(text);
    }

    private <T extends Throwable> T assertSendFails(Class<T> type) {
        Throwable e = failureOf(provider.send(call(1)));
        T typed = assertInstanceOf(type, e, String.valueOf(e));
        assertNamesMethod(e, METHOD);
        return typed;
    }

    private <T extends Throwable> T assertBatchFails(Class<T> type) {
        List<RpcRequest> batch = List.of(call(1), call(2));
        Throwable e = failureOf(provider.sendBatch(batch));
        T typed = assertInstanceOf(type, e, String.valueOf(e));
        assertNamesMethod(e, JsonRpcCodec.batchLabel(batch));
        return typed;
    }

    private static void assertNamesMethod(Throwable e, String method) {
        assertTrue(e.getMessage().contains(method), e.getMessage());
        assertEquals(method, ((EthbusException) e).method());
    }

    private static void assertNoSecret(Throwable e, String key) {
        assertInstanceOf(EthbusException.class, e, String.valueOf(e));
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t.toString();
            assertFalse(text.contains("pw") || text.contains("SECRET") || text.contains(key), text);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static Throwable failureOf(Future<?> future) {
        try {
            Object result = future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return fail("expected a failure, got " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return fail("no outcome within 10 s: " + e);
        }
    }
}
