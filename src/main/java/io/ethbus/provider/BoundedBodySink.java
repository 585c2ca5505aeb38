package io.ethbus.provider;

import io.ethbus.rpc.PayloadTooLargeException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects an HTTP answer body up to a ceiling: the write that crosses it fails with
 * {@link PayloadTooLargeException}, which ends the transfer at once instead of buffering an
 * answer of any size. The body is kept as the chunks that arrived and joined once at the end,
 * into an array of exactly its size: a growing buffer would hold up to twice the body, and
 * its final copy a third time. One sink per call.
 */
final class BoundedBodySink implements WriteStream<Buffer> {
    private final long limit;
    private final String method;
    private final String endpoint;
    private final List<byte[]> chunks = new ArrayList<>();
    private long seen;

    BoundedBodySink(long limit, String method, String endpoint) {
        this.limit = limit;
        this.method = method;
        this.endpoint = endpoint;
    }

    /** The bytes collected (the whole body once the transfer has ended); the sink lets go of its chunks. */
    byte[] bytes() {
        byte[] whole = new byte[Math.toIntExact(seen)];
        int at = 0;
        for (byte[] chunk : chunks) {
            System.arraycopy(chunk, 0, whole, at, chunk.length);
            at += chunk.length;
        }
        chunks.clear();
        return whole;
    }

    @Override
    public Future<Void> write(Buffer data) {
        seen += data.length();
        if (seen > limit) {
            return Future.failedFuture(new PayloadTooLargeException(method, endpoint, seen, limit));
        }
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
