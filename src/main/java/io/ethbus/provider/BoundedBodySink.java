package io.ethbus.provider;

import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ResponseBudget;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects an HTTP answer body up to a ceiling: the write that crosses it fails with
 * {@link PayloadTooLargeException}, which ends the transfer at once instead of buffering an
 * answer of any size. The bytes held count against the JVM's {@link ResponseBudget} as they
 * arrive: a write the budget has no room for fails the same way, so that several large answers
 * at once cannot fill the heap either. {@link #chunks()} and {@link #discard()} give the
 * reservation back (each at most once; call one of them on every path). The body is kept as
 * the chunks that arrived: the codec reads them as they are, so a large answer is held once
 * and never joined into one array (joining held it twice for a moment, and that moment set the
 * heap a large answer needs). One sink per call, used from one context.
 */
final class BoundedBodySink implements WriteStream<Buffer> {
    private final ResponseBudget budget;
    private final long limit;
    private final boolean configured;
    private final String method;
    private final String endpoint;
    private final List<byte[]> chunks = new ArrayList<>();
    private long seen;
    private long reserved;
    private boolean closed;

    /**
     * @param configured the limit is the caller's {@code maxResponseBytes}, not the budget's
     *                   heap-derived default (it only changes the error's message)
     */
    BoundedBodySink(ResponseBudget budget, long limit, boolean configured, String method, String endpoint) {
        this.budget = budget;
        this.limit = limit;
        this.configured = configured;
        this.method = method;
        this.endpoint = endpoint;
    }

    /**
     * The body as the chunks that arrived (the whole body once the transfer has ended). The
     * sink lets go of them and of their reservation: the HTTP client may keep the sink for a
     * while after the call, and later writes fail.
     */
    List<byte[]> chunks() {
        List<byte[]> body = List.copyOf(chunks);
        discard();
        return body;
    }

    /** Drops what arrived and gives its reservation back; later writes fail. */
    void discard() {
        closed = true;
        chunks.clear();
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (closed) {
            return Future.failedFuture(new PayloadTooLargeException(method, endpoint, seen, limit));
        }
        seen += data.length();
        if (seen > limit) {
            discard();
            return Future.failedFuture(budget.overCeiling(method, endpoint, seen, limit, configured));
        }
        if (!budget.tryReserve(data.length())) {
            PayloadTooLargeException refused = budget.overBudget(method, endpoint, seen, reserved);
            discard();
            return Future.failedFuture(refused);
        }
        reserved += data.length();
        chunks.add(data.getBytes());
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
        return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        return this;
    }
}
