package io.ethbus.provider;

import io.ethbus.rpc.EndpointMask;
import io.ethbus.rpc.Excerpt;
import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** JSON-RPC over HTTP POST with a Vert.x WebClient. */
public final class HttpProvider implements Provider {
    private final WebClient client;
    private final HttpProviderOptions options;
    private final String endpoint;

    public HttpProvider(Vertx vertx, HttpProviderOptions options) {
        this.client = WebClient.create(vertx);
        this.options = options;
        this.endpoint = EndpointMask.mask(options.url());
    }

    @Override
    public Future<RpcResponse> send(RpcRequest request) {
        return post(request.method(), JsonRpcCodec.encode(request),
                body -> JsonRpcCodec.decodeResponse(body, request, endpoint));
    }

    @Override
    public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        return post(JsonRpcCodec.batchLabel(requests), JsonRpcCodec.encodeBatch(requests),
                body -> JsonRpcCodec.decodeBatch(body, requests, endpoint));
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Future<Void> close() {
        client.close();
        return Future.succeededFuture();
    }

    private <T> Future<T> post(String label, byte[] payload, Function<byte[], T> decode) {
        return client.postAbs(options.url())
                .putHeader("Content-Type", "application/json")
                .timeout(options.timeout().toMillis())
                .sendBuffer(Buffer.buffer(payload))
                .recover(e -> Future.failedFuture(e instanceof TimeoutException
                        ? new ProviderTimeoutException(label, endpoint, options.timeout(), e)
                        : new ProviderConnectionException(label, endpoint, String.valueOf(e.getMessage()), e)))
                .map((HttpResponse<Buffer> response) -> {
                    byte[] body = response.body() == null ? new byte[0] : response.body().getBytes();
                    if (response.statusCode() / 100 != 2) {
                        throw new HttpStatusException(label, endpoint, response.statusCode(), null, Excerpt.of(body));
                    }
                    return decode.apply(body);
                });
    }
}
