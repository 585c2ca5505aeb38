package io.ethbus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON-RPC over one persistent connection (WebSocket or IPC): calls multiplexed by id,
 * batches, and subscription notifications pushed to their handlers as they arrive — no
 * polling and no timer while nothing is pending. Used from its owner's context only.
 */
final class JsonRpcSession {
    private static final System.Logger LOG = System.getLogger(JsonRpcSession.class.getName());

    private final Vertx vertx;
    private final String endpoint;
    private final Duration requestTimeout;
    private final Function<Buffer, Future<Void>> writer;
    private final Handler<String> onDisconnect;
    private final Map<Long, Waiting> waiting = new HashMap<>();
    private final Map<String, Handler<JsonNode>> subscriptions = new HashMap<>();
    private long unroutedNotifications;
    private boolean closed;

    /** A call or batch waiting for its answer. */
    private static final class Waiting {
        final List<RpcRequest> requests;
        final boolean batch;
        final Promise<Object> promise = Promise.promise();
        long timer;

        Waiting(List<RpcRequest> requests, boolean batch) {
            this.requests = requests;
            this.batch = batch;
        }
    }

    JsonRpcSession(Vertx vertx, String endpoint, Duration requestTimeout, Function<Buffer, Future<Void>> writer,
                   Handler<String> onDisconnect) {
        this.vertx = vertx;
        this.onDisconnect = onDisconnect;
        this.endpoint = endpoint;
        this.requestTimeout = requestTimeout;
        this.writer = writer;
    }

    Future<RpcResponse> send(RpcRequest request) {
        return this.<RpcResponse>exchange(List.of(request), false, JsonRpcCodec.encode(request));
    }

    Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        if (requests.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return exchange(requests, true, JsonRpcCodec.encodeBatch(requests));
    }

    /**
     * Subscribes ({@code eth_subscribe} with {@code params}) and routes every notification's
     * {@code result} to {@code handler}; the future carries the subscription id.
     */
    Future<String> subscribe(RpcRequest subscribe, Handler<JsonNode> handler) {
        return send(subscribe).map(response -> {
            String id = response.resultOrThrow(subscribe.method(), endpoint).asText();
            subscriptions.put(id, handler);
            return id;
        });
    }

    /** Stops routing notifications of {@code id} (the caller sends eth_unsubscribe). */
    void forget(String subscriptionId) {
        subscriptions.remove(subscriptionId);
    }

    int pendingCount() {
        return waiting.size();
    }

    long unroutedNotifications() {
        return unroutedNotifications;
    }

    @SuppressWarnings("unchecked")
    private <T> Future<T> exchange(List<RpcRequest> requests, boolean batch, byte[] body) {
        if (closed) {
            return Future.failedFuture(new ProviderConnectionException(label(requests, batch), endpoint,
                    "connection closed", null));
        }
        Waiting w = new Waiting(requests, batch);
        for (RpcRequest r : requests) {
            if (waiting.putIfAbsent(r.id(), w) != null) {
                requests.forEach(x -> waiting.remove(x.id(), w));
                return Future.failedFuture(new IllegalArgumentException("request id " + r.id() + " is already in flight"));
            }
        }
        w.timer = vertx.setTimer(requestTimeout.toMillis(), t -> {
            if (release(w)) {
                w.promise.tryFail(new ProviderTimeoutException(label(requests, batch), endpoint, requestTimeout, null));
            }
        });
        writer.apply(Buffer.buffer(body)).onFailure(e -> {
            if (release(w)) {
                vertx.cancelTimer(w.timer);
                w.promise.tryFail(new ProviderConnectionException(label(requests, batch), endpoint,
                        "write failed: " + e.getMessage(), e));
            }
        });
        return (Future<T>) w.promise.future();
    }

    /** Handles one complete JSON value read from the connection. */
    void onMessage(Buffer message) {
        byte[] bytes = message.getBytes();
        MessageEnvelope envelope;
        try {
            envelope = MessageEnvelope.of(bytes);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "dropping unreadable message from {0}: {1}", endpoint, e.getMessage());
            return;
        }
        if (envelope.notification()) {
            JsonNode node;
            try {
                node = JsonRpcCodec.parse(bytes, RpcMethod.ETH_SUBSCRIPTION.wireName(), endpoint);
            } catch (MalformedResponseException e) {
                LOG.log(System.Logger.Level.WARNING, "dropping unreadable notification from {0}: {1}", endpoint, e.getMessage());
                return;
            }
            route(node.path("params"));
            return;
        }
        Waiting w = waiting.get(envelope.id());
        if (w == null || w.batch != envelope.batch()) {
            LOG.log(System.Logger.Level.WARNING, "dropping {0} with no matching call from {1}",
                    envelope.batch() ? "batch answer" : "answer", endpoint);
            return;
        }
        complete(w, envelope.batch()
                ? () -> JsonRpcCodec.decodeBatch(bytes, w.requests, endpoint)
                : () -> JsonRpcCodec.decodeResponse(bytes, w.requests.get(0), endpoint));
    }

    /**
     * A message was too large to read ({@code refusal}, its method not yet known); the
     * connection read past it. The call it answers, found by the id among its first bytes,
     * fails with that error and the connection goes on. When its first bytes name no waiting
     * call, the call cannot be told: the connection is closed, so that no call waits for an
     * answer that will not come, and the next call opens a new one.
     */
    void onRefused(Buffer prefix, PayloadTooLargeException refusal) {
        MessageEnvelope envelope = MessageEnvelope.ofPrefix(prefix.getBytes());
        if (envelope.notification()) {
            LOG.log(System.Logger.Level.WARNING, "dropping a notification from {0}: {1}", endpoint, refusal.getMessage());
            return;
        }
        Waiting w = waiting.get(envelope.id());
        if (w == null || w.batch != envelope.batch()) {
            onClosed("an answer too large to read, of no call known: " + refusal.reason(), refusal);
            return;
        }
        if (release(w)) {
            vertx.cancelTimer(w.timer);
            w.promise.tryFail(refusal.forMethod(label(w.requests, w.batch)));
        }
    }

    /** The connection is gone: every waiting call fails, subscriptions are dropped. */
    void onClosed(String reason, Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        List<Waiting> all = new ArrayList<>(new java.util.LinkedHashSet<>(waiting.values()));
        waiting.clear();
        subscriptions.clear();
        for (Waiting w : all) {
            vertx.cancelTimer(w.timer);
            w.promise.tryFail(new ProviderConnectionException(label(w.requests, w.batch), endpoint, reason, cause));
        }
        onDisconnect.handle(reason);
    }

    boolean isClosed() {
        return closed;
    }

    private void route(JsonNode params) {
        Handler<JsonNode> handler = subscriptions.get(params.path("subscription").asText(""));
        if (handler == null) {
            unroutedNotifications++;
            return;
        }
        handler.handle(params.path("result"));
    }

    private void complete(Waiting w, java.util.function.Supplier<Object> decode) {
        if (!release(w)) {
            return;
        }
        vertx.cancelTimer(w.timer);
        try {
            w.promise.tryComplete(decode.get());
        } catch (RuntimeException e) {
            w.promise.tryFail(e);
        }
    }

    private boolean release(Waiting w) {
        boolean owned = false;
        for (RpcRequest r : w.requests) {
            owned |= waiting.remove(r.id(), w);
        }
        return owned;
    }

    private static String label(List<RpcRequest> requests, boolean batch) {
        return batch ? JsonRpcCodec.batchLabel(requests) : requests.get(0).method();
    }

    static ArrayNode subscribeParams(String kind, JsonNode filter) {
        return filter == null ? JsonRpcCodec.params(kind) : JsonRpcCodec.params(kind, filter);
    }
}
