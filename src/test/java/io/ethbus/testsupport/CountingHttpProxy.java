package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real node that counts the JSON-RPC calls it
 * passes (a batch counts its items) per wall-clock second, and the bytes of the answers.
 */
public final class CountingHttpProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client;
    private final Map<Long, AtomicLong> perSecond = new ConcurrentHashMap<>();
    private final AtomicLong answerBytes = new AtomicLong();

    public CountingHttpProxy(Vertx vertx, int nodePort) {
        client = vertx.createHttpClient();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonNode call = JsonRpcCodec.parse(body.getBytes(), "proxy", "proxy");
            perSecond.computeIfAbsent(System.currentTimeMillis() / 1000, s -> new AtomicLong())
                    .addAndGet(call.isArray() ? call.size() : 1);
            client.request(HttpMethod.POST, nodePort, "127.0.0.1", "/")
                    .compose(out -> out.putHeader("content-type", "application/json").send(body))
                    .compose(answer -> answer.body())
                    .onSuccess(answer -> answerBytes.addAndGet(answer.length()))
                    .onSuccess(answer -> request.response().putHeader("content-type", "application/json").end(answer))
                    .onFailure(e -> request.response().setStatusCode(502).end(Buffer.buffer(e.toString())));
        }));
        Await.result(server.listen(0, "127.0.0.1"));
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Calls passed per epoch second, in time order. */
    public Map<Long, Long> callsPerSecond() {
        Map<Long, Long> out = new TreeMap<>();
        perSecond.forEach((second, n) -> out.put(second, n.get()));
        return out;
    }

    /** The bytes of every answer passed back so far. */
    public long answerBytes() {
        return answerBytes.get();
    }

    /** Calls passed so far. */
    public long calls() {
        return perSecond.values().stream().mapToLong(AtomicLong::get).sum();
    }

    @Override
    public void close() {
        Await.result(server.close());
        Await.result(client.close());
    }
}
