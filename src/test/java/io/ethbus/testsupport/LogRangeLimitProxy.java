package io.ethbus.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real node that refuses eth_getLogs over more than
 * {@code maxBlocks} blocks with -32005, as hosted providers do, and passes everything else.
 */
public final class LogRangeLimitProxy implements AutoCloseable {
    private final HttpServer server;
    private final HttpClient client;
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();

    public LogRangeLimitProxy(Vertx vertx, int nodePort, long maxBlocks) {
        client = vertx.createHttpClient();
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            JsonNode call = JsonRpcCodec.parse(body.getBytes(), "proxy", "proxy");
            if (call.isObject() && "eth_getLogs".equals(call.path("method").asText())) {
                JsonNode f = call.path("params").path(0);
                long from = Long.decode(f.path("fromBlock").asText("0x0"));
                long to = Long.decode(f.path("toBlock").asText("0x0"));
                if (to - from + 1 > maxBlocks) {
                    refused.incrementAndGet();
                    request.response().putHeader("content-type", "application/json").end(
                            "{\"jsonrpc\":\"2.0\",\"id\":" + call.path("id") + ",\"error\":{\"code\":-32005,"
                                    + "\"message\":\"query exceeds max block range " + maxBlocks + "\"}}");
                    return;
                }
                served.incrementAndGet();
            }
            client.request(HttpMethod.POST, nodePort, "127.0.0.1", "/")
                    .compose(out -> out.putHeader("content-type", "application/json").send(body))
                    .compose(answer -> answer.body())
                    .onSuccess(answer -> request.response().putHeader("content-type", "application/json").end(answer))
                    .onFailure(e -> request.response().setStatusCode(502).end(Buffer.buffer(e.toString())));
        }));
        Await.result(server.listen(0, "127.0.0.1"));
    }

    public String url() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** eth_getLogs calls refused as too wide. */
    public int refused() {
        return refused.get();
    }

    /** eth_getLogs calls passed to the node. */
    public int served() {
        return served.get();
    }

    @Override
    public void close() {
        Await.result(server.close());
        Await.result(client.close());
    }
}
