package io.ethbus.provider;

import io.ethbus.rpc.PayloadTooLargeException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * Collects an HTTP answer body up to a ceiling: the write that crosses it fails with
 * {@link PayloadTooLargeException}, which ends the transfer at once instead of buffering an
 * answer of any size. One sink per call.
 */
final class BoundedBodySink implements WriteStream<Buffer> {
    private final long limit;
    private final String method;
    private final String endpoint;
    private final Buffer body = Buffer.buffer();
    private long seen;

    BoundedBodySink(long limit, String method, String endpoint) {
        this.limit = limit;
        this.method = method;
        this.endpoint = endpoint;
    }

    /** The bytes collected (the whole body once the transfer has ended). */
    byte[] bytes() {
        return body.getBytes();
    }

    @Override
    public Future<Void> write(Buffer data) {
        seen += data.length();
        if (seen > limit) {
            return Future.failedFuture(new PayloadTooLargeException(method, endpoint, seen, limit));
        }
        body.appendBuffer(data);
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
