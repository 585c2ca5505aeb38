package io.ethbus.provider;

import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.RpcRequest;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An answer above maxResponseBytes fails fast and typed; the provider keeps serving. */
class MaxResponseBytesTest {
    static final int CHUNK = 64 * 1024;
    static final int CHUNKS = 64; // 4 MiB in all, one chunk every 20 ms: 1.3 s to send it whole

    Vertx vertx;
    HttpServer server;
    final AtomicInteger chunksSent = new AtomicInteger();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        server = result(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String text = body.toString();
            String id = text.replaceAll("(?s).*\"id\":(\\d+).*", "$1");
            HttpServerResponse response = request.response().putHeader("content-type", "application/json");
            if (text.contains("\"big\"")) {
                response.setChunked(true).write("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"0x");
                drip(response, 0);
            } else {
                response.end("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":\"0x7a69\"}");
            }
        })).listen(0, "127.0.0.1"));
    }

    void drip(HttpServerResponse response, int sent) {
        if (sent == CHUNKS || response.closed()) {
            if (!response.closed()) {
                response.end("\"}");
            }
            return;
        }
        response.write(Buffer.buffer("ab".repeat(CHUNK / 2))).onComplete(ar -> {
            chunksSent.incrementAndGet();
            vertx.setTimer(20, t -> drip(response, sent + 1));
        });
    }

    @AfterEach
    void stop() {
        result(vertx.close());
    }

    @Test
    void tooLargeFailsAsSoonAsTheLimitIsCrossed() {
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.builder("http://127.0.0.1:" + server.actualPort())
                .maxResponseBytes(256 * 1024).maxPoolSize(1).build());
        long t0 = System.nanoTime();
        Throwable e = failure(provider.send(new RpcRequest(1, "big", JsonRpcCodec.params())));
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        PayloadTooLargeException tooLarge = assertInstanceOf(PayloadTooLargeException.class, e);
        assertEquals("big", tooLarge.method());
        assertEquals(256 * 1024, tooLarge.limit());
        assertTrue(tooLarge.bytesSeen() > tooLarge.limit() && tooLarge.bytesSeen() < tooLarge.limit() + 2 * CHUNK,
                "stopped at " + tooLarge.bytesSeen());
        assertTrue(chunksSent.get() < CHUNKS / 2, "stopped after " + chunksSent.get() + " of " + CHUNKS + " chunks, "
                + elapsedMs + " ms");

        // The same provider (a pool of one connection) goes on serving.
        for (int i = 0; i < 3; i++) {
            assertEquals("0x7a69", result(provider.send(new RpcRequest(10 + i, "eth_chainId", JsonRpcCodec.params())))
                    .result().asText());
        }
        result(provider.close());
    }
}
