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
 * answer of any size. The body is kept as the chunks that arrived: the codec reads them as
 * they are, so a large answer is held once and never joined into one array (joining held it
 * twice for a moment, and that moment set the heap a large answer needs). One sink per call.
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

    /**
     * The body as the chunks that arrived (the whole body once the transfer has ended). The
     * sink lets go of them: the HTTP client may keep the sink for a while after the call.
     */
    List<byte[]> chunks() {
        List<byte[]> body = List.copyOf(chunks);
        chunks.clear();
        return body;
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
