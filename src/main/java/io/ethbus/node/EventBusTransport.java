package io.ethbus.node;

import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;

import java.time.Duration;
import java.util.List;

/**
 * Carries JSON-RPC calls over the event bus to whichever node verticle serves the
 * endpoint, in this JVM or another cluster member. Bodies are JSON in a {@link Buffer};
 * each message carries a deadline and a trace id.
 */
public final class EventBusTransport implements RpcTransport {
    private static final System.Logger LOG = System.getLogger(EventBusTransport.class.getName());
    /** Extra time the bus waits past the deadline, so the node's own timeout answer arrives first. */
    private static final long REPLY_GRACE_MILLIS = 500;

    private final Vertx vertx;
    private final String address;
    private final String label;
    private final Duration timeout;

    /** Calls to endpoint {@code endpoint} (null: the default endpoint), each allowed {@code timeout}. */
    public EventBusTransport(Vertx vertx, String endpoint, Duration timeout) {
        this.vertx = vertx;
        this.address = endpoint == null ? RpcAddresses.RPC_DEFAULT : RpcAddresses.rpc(endpoint);
        this.label = "eventbus:" + address;
        this.timeout = timeout;
        RpcHeadersInterceptor.install(vertx, timeout);
    }

    @Override
    public Future<RpcResponse> send(RpcRequest request) {
        return exchange(Buffer.buffer(JsonRpcCodec.encode(request)), request.method())
                .map(reply -> JsonRpcCodec.decodeResponse(reply.getBytes(), request, label));
    }

    @Override
    public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        if (requests.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        String batchLabel = JsonRpcCodec.batchLabel(requests);
        return exchange(Buffer.buffer(JsonRpcCodec.encodeBatch(requests)), batchLabel)
                .map(reply -> JsonRpcCodec.decodeBatch(reply.getBytes(), requests, label));
    }

    @Override
    public String endpoint() {
        return label;
    }

    private Future<Buffer> exchange(Buffer body, String method) {
        String trace = RpcHeaders.newTraceId();
        DeliveryOptions options = new DeliveryOptions()
                .setSendTimeout(timeout.toMillis() + REPLY_GRACE_MILLIS)
                .addHeader(RpcHeaders.TRACE_ID, trace)
                .addHeader(RpcHeaders.DEADLINE, Long.toString(System.currentTimeMillis() + timeout.toMillis()));
        LOG.log(System.Logger.Level.DEBUG, "trace={0} {1} -> {2}", trace, method, address);
        return vertx.eventBus().<Object>request(address, body, options)
                .recover(failure -> Future.failedFuture(EventBusErrors.toException(failure, method, label, timeout)))
                .map(EventBusTransport::bufferOf);
    }

    private static Buffer bufferOf(Message<Object> reply) {
        Object body = reply.body();
        if (body instanceof Buffer b) {
            return b;
        }
        return Buffer.buffer(String.valueOf(body));
    }
}
