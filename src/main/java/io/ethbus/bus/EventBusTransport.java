package io.ethbus.bus;

import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.ResponseBudget;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries JSON-RPC calls over the event bus to whichever node verticle serves the
 * endpoint, in this JVM or another cluster member. A call goes as itself ({@link RequestCodec}:
 * JSON only when it leaves the JVM), a batch as JSON in a {@link Buffer}; each message carries
 * a deadline and a trace id. A large answer comes as a
 * {@link ReplyStream} pulled chunk by chunk and is put back together here, so callers see
 * one answer either way; {@link #streamReply} hands the stream itself to callers that want it.
 */
public final class EventBusTransport implements RpcTransport {
    private static final System.Logger LOG = System.getLogger(EventBusTransport.class.getName());
    /** Extra time the bus waits past the deadline, so the node's own timeout answer arrives first. */
    private static final long REPLY_GRACE_MILLIS = 500;

    private final Vertx vertx;
    private final String address;
    private final String label;
    private final Duration timeout;
    private final ResponseBudget budget;
    private final long maxResponseBytes;

    /**
     * Calls to endpoint {@code endpoint} (null: the default endpoint), each allowed {@code timeout};
     * answers are put together up to the heap-derived ceiling ({@link ResponseBudget}).
     */
    public EventBusTransport(Vertx vertx, String endpoint, Duration timeout) {
        this(vertx, endpoint, timeout, HttpProviderOptions.HEAP_DERIVED);
    }

    /**
     * Calls to endpoint {@code endpoint} (null: the default endpoint), each allowed {@code timeout};
     * an answer larger than {@code maxResponseBytes} (0: a quarter of the heap, at most 256 MiB),
     * or one the JVM's {@link ResponseBudget} has no room for, fails with
     * {@link io.ethbus.rpc.PayloadTooLargeException} instead of being put together.
     */
    public EventBusTransport(Vertx vertx, String endpoint, Duration timeout, long maxResponseBytes) {
        if (maxResponseBytes < 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive (or 0: from the heap), got " + maxResponseBytes);
        }
        this.vertx = vertx;
        this.budget = ResponseBudget.of(vertx);
        this.maxResponseBytes = maxResponseBytes;
        this.address = endpoint == null ? RpcAddresses.RPC_DEFAULT : RpcAddresses.rpc(endpoint);
        this.label = "eventbus:" + address;
        this.timeout = timeout;
        RpcHeadersInterceptor.install(vertx, timeout);
        RequestCodec.install(vertx);
    }

    @Override
    public Future<RpcResponse> send(RpcRequest request) {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        return exchange(request, RequestCodec.NAME, request.method(), deadline)
                .compose(reply -> whole(reply, request.method(), deadline))
                .compose(bytes -> {
                    RpcResponse response = JsonRpcCodec.decodeResponse(bytes, request, label);
                    EthbusException typed = typedError(response, request.method());
                    // as on the node: a request refused there fails the call with its own type
                    return typed == null ? Future.succeededFuture(response) : Future.failedFuture(typed);
                });
    }

    @Override
    public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        if (requests.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        String batchLabel = JsonRpcCodec.batchLabel(requests);
        return exchange(Buffer.buffer(JsonRpcCodec.encodeBatch(requests)), null, batchLabel, deadline)
                .compose(reply -> whole(reply, batchLabel, deadline))
                .map(bytes -> {
                    List<RpcResponse> responses = JsonRpcCodec.decodeBatch(bytes, requests, label);
                    List<RpcResponse> out = new ArrayList<>(responses.size());
                    for (int i = 0; i < responses.size(); i++) {
                        RpcResponse r = responses.get(i);
                        EthbusException typed = typedError(r, requests.get(i).method());
                        out.add(typed == null ? r : RpcResponse.failure(r.id(), r.error(), typed));
                    }
                    return out;
                });
    }

    /** The typed exception an error answer from the node stands for ({@link EventBusErrors}), or null. */
    private EthbusException typedError(RpcResponse response, String method) {
        return response.isError() ? EventBusErrors.typedException(response.error(), method, label, timeout) : null;
    }

    /**
     * The node's answer to {@code request} as raw JSON bytes, as they arrive, with
     * back-pressure: for answers too large to hold twice, to hash, store or forward them.
     * The deadline covers the wait for the answer's start; the stream then lasts as long as
     * its consumer keeps reading (the node drops it after its idle timeout otherwise).
     */
    public Future<ReplyStream> streamReply(RpcRequest request) {
        return exchange(request, RequestCodec.NAME, request.method(), System.currentTimeMillis() + timeout.toMillis());
    }

    @Override
    public String endpoint() {
        return label;
    }

    /** Sends {@code body} with the codec named {@code codec} (null: Vert.x's own for its type). */
    private Future<ReplyStream> exchange(Object body, String codec, String method, long deadline) {
        String trace = RpcHeaders.newTraceId();
        DeliveryOptions options = new DeliveryOptions()
                .setCodecName(codec)
                .setSendTimeout(timeout.toMillis() + REPLY_GRACE_MILLIS)
                .addHeader(RpcHeaders.TRACE_ID, trace)
                .addHeader(RpcHeaders.DEADLINE, Long.toString(deadline))
                .addHeader(RpcHeaders.ACCEPT_STREAM, "1");
        LOG.log(System.Logger.Level.DEBUG, "trace={0} {1} -> {2}", trace, method, address);
        return vertx.eventBus().<Object>request(SameLoopRoutes.addressFor(vertx, address), body, options)
                .recover(failure -> Future.failedFuture(EventBusErrors.toException(failure, method, label, timeout)))
                .map(reply -> streamOf(reply, method));
    }

    private ReplyStream streamOf(Message<Object> reply, String method) {
        Object body = reply.body();
        if (reply.headers().contains(RpcHeaders.STREAM) && body instanceof JsonObject header) {
            return ReplyStream.pulling(vertx, ReplyStreamHeader.fromJson(header), method, label, timeout, budget,
                    maxResponseBytes);
        }
        return ReplyStream.whole(body instanceof Buffer b ? b : Buffer.buffer(String.valueOf(body)), method, label, budget,
                maxResponseBytes);
    }

    /**
     * The whole answer in one array, failing with a timeout if its chunks are not all in by the
     * deadline, and with PayloadTooLargeException, before any chunk is pulled, if it is above the ceiling.
     */
    private Future<byte[]> whole(ReplyStream reply, String method, long deadline) {
        if (!reply.chunked()) {
            return reply.bytes();
        }
        long timer = vertx.setTimer(Math.max(1, deadline - System.currentTimeMillis()),
                t -> reply.cancel(new ProviderTimeoutException(method, label, timeout, null)));
        return reply.bytes().onComplete(ar -> vertx.cancelTimer(timer));
    }
}
