package io.ethbus.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ResponseBudget;
import io.ethbus.rpc.RpcIds;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.List;
import java.util.function.Supplier;

/**
 * What WebSocket and IPC providers share: one {@link JsonRpcSession} on one connection,
 * opened on first use and opened again on the next call after it closed. The answer a
 * connection is reading counts against the JVM's {@link ResponseBudget} as its bytes arrive
 * ({@link AnswerReservation}); one that passes it, or the connection's ceiling, fails its own
 * call with PayloadTooLargeException while the connection reads past it and stays open. All state lives
 * on the context that created the provider; calls from elsewhere hop onto it.
 */
abstract class PersistentConnectionProvider implements SubscriptionProvider {
    protected final Vertx vertx;
    protected final ConnectionOptions options;
    private final Context context;
    private final String endpoint;
    private final ResponseBudget budget;
    private final RpcIds ids = new RpcIds(1L << 40);
    private Future<JsonRpcSession> session;
    private boolean closed;
    private Handler<String> disconnectHandler = reason -> { };

    protected PersistentConnectionProvider(Vertx vertx, ConnectionOptions options, String endpoint) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.options = options;
        this.endpoint = endpoint;
        this.budget = ResponseBudget.of(vertx);
    }

    /** Opens a connection and wires a new session to it. {@code method} names the call that needs it. */
    protected abstract Future<JsonRpcSession> open(String method);

    /** Releases the transport's client. */
    protected abstract Future<Void> closeClient();

    /** The reservation of a new connection's answers, in this JVM's {@link ResponseBudget}. */
    protected AnswerReservation newReservation() {
        return new AnswerReservation(budget, options.maxMessageBytes(), endpoint);
    }

    protected JsonRpcSession newSession(java.util.function.Function<io.vertx.core.buffer.Buffer, Future<Void>> writer) {
        return new JsonRpcSession(vertx, endpoint, options.requestTimeout(), writer, reason -> {
            if (!closed) {
                disconnectHandler.handle(reason);
            }
        });
    }

    @Override
    public void disconnectHandler(Handler<String> handler) {
        this.disconnectHandler = handler == null ? reason -> { } : handler;
    }

    @Override
    public Future<RpcResponse> send(RpcRequest request) {
        return onContext(() -> session(request.method()).compose(s -> s.send(request)
                .recover(e -> reissue(e, s, List.of(request.method()), () -> session(request.method())
                        .compose(fresh -> fresh.send(request))))));
    }

    @Override
    public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        String label = JsonRpcCodec.batchLabel(requests);
        return onContext(() -> session(label).compose(s -> s.sendBatch(requests)
                .recover(e -> reissue(e, s, requests.stream().map(RpcRequest::method).toList(),
                        () -> session(label).compose(fresh -> fresh.sendBatch(requests))))));
    }

    /**
     * A call in flight when its connection dropped is sent once more on a new connection if
     * every method in it is an idempotent read; anything else (a transaction send above all)
     * fails with the connection error, never resent.
     */
    private <T> Future<T> reissue(Throwable error, JsonRpcSession failed, List<String> methods,
                                  Supplier<Future<T>> again) {
        boolean dropped = error instanceof ProviderConnectionException && failed.isClosed() && !closed;
        if (dropped && methods.stream().allMatch(RpcMethod::isIdempotent)) {
            return again.get();
        }
        return Future.failedFuture(error);
    }

    @Override
    public Future<String> subscribe(String kind, JsonNode filter, Handler<JsonNode> onNotification) {
        RpcRequest request = new RpcRequest(ids.next(), RpcMethod.ETH_SUBSCRIBE.wireName(), JsonRpcSession.subscribeParams(kind, filter));
        return onContext(() -> session(RpcMethod.ETH_SUBSCRIBE.wireName()).compose(s -> s.subscribe(request, onNotification)));
    }

    @Override
    public Future<Boolean> unsubscribe(String subscriptionId) {
        RpcRequest request = new RpcRequest(ids.next(), RpcMethod.ETH_UNSUBSCRIBE.wireName(), JsonRpcCodec.params(subscriptionId));
        return onContext(() -> session(RpcMethod.ETH_UNSUBSCRIBE.wireName()).compose(s -> {
            s.forget(subscriptionId);
            return s.send(request);
        }).map(r -> r.resultOrThrow(RpcMethod.ETH_UNSUBSCRIBE.wireName(), endpoint).asBoolean()));
    }

    @Override
    public String endpoint() {
        return endpoint;
    }

    @Override
    public Future<Void> close() {
        return onContext(() -> {
            closed = true;
            return closeClient();
        });
    }

    private Future<JsonRpcSession> session(String method) {
        if (closed) {
            return Future.failedFuture(new ProviderConnectionException(method, endpoint, "provider is closed", null));
        }
        if (session == null || session.failed() || (session.succeeded() && session.result().isClosed())) {
            session = open(method);
        }
        return session;
    }

    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        if (Vertx.currentContext() == context) {
            return action.get();
        }
        Promise<T> promise = Promise.promise();
        context.runOnContext(v -> action.get().onComplete(promise));
        return promise.future();
    }
}
