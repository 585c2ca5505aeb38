package io.ethbus.middleware;

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
 * travels alone.
 */
final class OnionTransport implements RpcTransport {
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
        return Future.all(answers).map(all -> {
            List<RpcResponse> out = new ArrayList<>(answers.size());
            answers.forEach(f -> out.add(f.result()));
            return out;
        });
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
