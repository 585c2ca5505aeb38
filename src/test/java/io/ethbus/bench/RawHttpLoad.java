package io.ethbus.bench;

import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's ceiling: the crawler's own batch bodies, encoded before the clock starts, posted
 * with a plain Vert.x HttpClient {@code concurrency} at a time; answers are counted and
 * dropped, never parsed. No client can ask the node for the same work with less of its own.
 */
final class RawHttpLoad {
    private final Vertx vertx;
    private final int port;

    RawHttpLoad(Vertx vertx, int port) {
        this.vertx = vertx;
        this.port = port;
    }

    /** The bodies of recorded batches, ready to post. */
    static List<Buffer> bodies(List<List<RpcRequest>> batches) {
        List<Buffer> bodies = new ArrayList<>(batches.size());
        for (List<RpcRequest> b : batches) {
            bodies.add(Buffer.buffer(JsonRpcCodec.encodeBatch(b)));
        }
        return bodies;
    }

    Load run(List<Buffer> bodies, long blocks, long calls, int concurrency) throws Exception {
        HttpClientAgent http = vertx.createHttpClient(
                new HttpClientOptions().setTcpNoDelay(true).setKeepAlive(true)
                        .setDefaultHost("127.0.0.1").setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(concurrency));
        AtomicLong bytes = new AtomicLong();
        try {
            InFlightLoop.run(vertx, bodies.size(), concurrency, i -> post(http, bodies.get(i), bytes))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
        } finally {
            http.close();
        }
        return new Load(blocks, 0, 0, calls, bodies.size(), bytes.get());
    }

    private static Future<?> post(HttpClientAgent http, Buffer body, AtomicLong bytes) {
        return http.request(HttpMethod.POST, "/").compose(req -> req
                .putHeader("Content-Type", "application/json")
                .send(body)
                .compose(resp -> {
                    if (resp.statusCode() != 200) {
                        return Future.failedFuture("HTTP " + resp.statusCode());
                    }
                    resp.handler(chunk -> bytes.addAndGet(chunk.length()));
                    return resp.end();
                }));
    }
}
