package io.ethbus.middleware;

import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayList;
import java.util.List;

/**
 * A transport that runs each call through an {@link Onion}. A batch goes through the onion
 * item by item (so a cache can answer some items and a layer can rewrite others), and the
 * items that reach the bottom while the batch is being dispatched travel on to the inner
 * transport together as one batch; an item that a layer holds back and lets through later
 * travels alone. Each item's outcome is its own: an item a layer fails gets an error answer
 * ({@link RpcResponse#failure(long, RpcError, Throwable)}) and the others their answers.
 */
final class OnionTransport implements RpcTransport {
    /** JSON-RPC "internal error": the code of an item failed by a layer, until a wire gives it its typed form. */
    private static final int INTERNAL_ERROR = -32603;
    private final Onion onion;
    private final RpcTransport inner;
    /** The composed chain for single calls, rebuilt only when the onion has changed. */
    private volatile CachedChain cached;

    private record CachedChain(int version, Middleware.Next chain) {
    }

    OnionTransport(Onion onion, RpcTransport inner) {
        this.onion = onion;
        this.inner = inner;
    }

    @Override
    public Future<RpcResponse> send(RpcRequest request) {
        CachedChain c = cached;
        if (c == null || c.version() != onion.version()) {
            c = new CachedChain(onion.version(), onion.chain(inner::send));
            cached = c;
        }
        return c.chain().handle(request);
    }

    @Override
    public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        if (requests.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        BatchCollector collector = new BatchCollector(inner);
        List<Future<RpcResponse>> answers = new ArrayList<>(requests.size());
        for (RpcRequest request : requests) {
            answers.add(onion.handle(request, collector::enqueue));
        }
        collector.flush();
        return Future.join(answers).transform(all -> outcomes(requests, answers));
    }

    /**
     * Each item's own outcome: its answer, or an error answer carrying the exception a layer
     * failed it with. Only when every item failed with one and the same exception (the batch
     * as a whole did not get through) does the batch fail, with that exception.
     */
    private static Future<List<RpcResponse>> outcomes(List<RpcRequest> requests, List<Future<RpcResponse>> answers) {
        Throwable shared = answers.get(0).cause();
        List<RpcResponse> out = new ArrayList<>(answers.size());
        for (int i = 0; i < answers.size(); i++) {
            Future<RpcResponse> answer = answers.get(i);
            if (answer.succeeded()) {
                out.add(answer.result());
                shared = null;
            } else {
                shared = answer.cause() == shared ? shared : null;
                out.add(RpcResponse.failure(requests.get(i).id(), localError(answer.cause()), answer.cause()));
            }
        }
        return shared != null ? Future.failedFuture(shared) : Future.succeededFuture(out);
    }

    /** The JSON-RPC form of a failure met on this side; the event bus writes its own typed form of it. */
    private static RpcError localError(Throwable failure) {
        String message = failure instanceof EthbusException e ? e.reason()
                : failure.getMessage() == null ? failure.toString() : failure.getMessage();
        return new RpcError(INTERNAL_ERROR, message);
    }

    @Override
    public String endpoint() {
        return inner.endpoint();
    }

    /** Gathers the items that reach the bottom during dispatch and sends them as one batch. */
    private static final class BatchCollector {
        private final RpcTransport inner;
        private final List<RpcRequest> queued = new ArrayList<>();
        private final List<Promise<RpcResponse>> waiting = new ArrayList<>();
        private boolean flushed;

        BatchCollector(RpcTransport inner) {
            this.inner = inner;
        }

        Future<RpcResponse> enqueue(RpcRequest request) {
            if (flushed) {
                return inner.send(request);
            }
            Promise<RpcResponse> promise = Promise.promise();
            queued.add(request);
            waiting.add(promise);
            return promise.future();
        }

        void flush() {
            flushed = true;
            if (queued.isEmpty()) {
                return;
            }
            if (queued.size() == 1) {
                inner.send(queued.get(0)).onComplete(waiting.get(0));
                return;
            }
            inner.sendBatch(List.copyOf(queued)).onComplete(ar -> {
                for (int i = 0; i < waiting.size(); i++) {
                    if (ar.succeeded()) {
                        waiting.get(i).complete(ar.result().get(i));
                    } else {
                        waiting.get(i).fail(ar.cause());
                    }
                }
            });
        }
    }
}
