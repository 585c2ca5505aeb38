package io.ethbus.bus;

import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ResponseBudget;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;

import java.time.Duration;

/**
 * The bytes of one JSON-RPC answer as they arrive over the event bus, with back-pressure:
 * a large answer is pulled from the node verticle chunk by chunk, never more than the
 * node's window of chunks asked for and not yet handed to this stream's handler; a small one
 * comes as a single chunk. Data flows once a handler is set, as far as the demand allows
 * ({@link #pause()}, {@link #fetch(long)}). Setting the handler to null, or a failure, drops
 * the stream at the node as well. Used from the context that opened it.
 *
 * <pre>
 * client.streamReply("eth_getLogs", filter).onSuccess(stream -&gt; stream.pipeTo(file));
 * </pre>
 */
public final class ReplyStream implements ReadStream<Buffer> {
    private final Vertx vertx;
    private final ReplyStreamHeader header;
    private final String method;
    private final String endpoint;
    private final Duration pullTimeout;
    private final ResponseBudget budget;
    /** The caller's ceiling for {@link #bytes()}, or 0 for the budget's heap-derived one. */
    private final long maxResponseBytes;
    private final Buffer[] slots;
    private final int chunks;
    private final long totalBytes;
    private int requested;
    private int delivered;
    private long demand = Long.MAX_VALUE;
    private boolean ended;
    private boolean delivering;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;

    private ReplyStream(Vertx vertx, ReplyStreamHeader header, Buffer whole, String method, String endpoint,
                        Duration pullTimeout, ResponseBudget budget, long maxResponseBytes) {
        this.vertx = vertx;
        this.budget = budget;
        this.maxResponseBytes = maxResponseBytes;
        this.header = header;
        this.method = method;
        this.endpoint = endpoint;
        this.pullTimeout = pullTimeout;
        if (header == null) {
            slots = new Buffer[] {whole};
            chunks = 1;
            requested = 1;
            totalBytes = whole.length();
        } else {
            slots = new Buffer[header.window()];
            chunks = header.chunks();
            totalBytes = header.totalBytes();
        }
    }

    /**
     * An answer that came whole, as a stream of one chunk; {@link #bytes()} holds it to
     * {@code maxResponseBytes} (0: the budget's heap-derived ceiling).
     */
    static ReplyStream whole(Buffer answer, String method, String endpoint, ResponseBudget budget, long maxResponseBytes) {
        return new ReplyStream(null, null, answer, method, endpoint, null, budget, maxResponseBytes);
    }

    /**
     * An answer to pull from the node by {@code header}; {@link #bytes()} holds it to
     * {@code maxResponseBytes} (0: the budget's heap-derived ceiling).
     */
    static ReplyStream pulling(Vertx vertx, ReplyStreamHeader header, String method, String endpoint, Duration pullTimeout,
                               ResponseBudget budget, long maxResponseBytes) {
        return new ReplyStream(vertx, header, null, method, endpoint, pullTimeout, budget, maxResponseBytes);
    }

    /** Bytes of the whole answer. */
    public long totalBytes() {
        return totalBytes;
    }

    /** Chunks the answer comes in; 1 when it came whole. */
    public int chunks() {
        return chunks;
    }

    /** Whether the answer is pulled in chunks from the node rather than having come whole. */
    public boolean chunked() {
        return header != null;
    }

    /**
     * Reads the rest of the answer into one array (the stream must not have a handler yet).
     * An answer above the ceiling (the caller's {@code maxResponseBytes}, else a quarter of the
     * heap), or one the JVM's {@link ResponseBudget} has no room for, fails with
     * {@link PayloadTooLargeException} before anything is pulled, and the node drops it; read
     * such an answer chunk by chunk with a handler instead.
     */
    public Future<byte[]> bytes() {
        long ceiling = budget.ceiling(maxResponseBytes);
        PayloadTooLargeException refused = null;
        if (totalBytes > ceiling || totalBytes > Integer.MAX_VALUE - 8) {
            refused = budget.overCeiling(method, endpoint, totalBytes, Math.min(ceiling, Integer.MAX_VALUE - 8),
                    maxResponseBytes > 0);
        } else if (!budget.tryReserve(totalBytes)) {
            refused = budget.overBudget(method, endpoint, totalBytes, 0);
        }
        if (refused != null) {
            cancel(refused);
            return Future.failedFuture(refused);
        }
        byte[] whole = new byte[(int) totalBytes];
        int[] at = {0};
        Promise<byte[]> done = Promise.promise();
        done.future().onComplete(ar -> budget.release(totalBytes));
        exceptionHandler(done::tryFail);
        endHandler(v -> done.tryComplete(whole));
        handler(chunk -> {
            chunk.getBytes(0, chunk.length(), whole, at[0]);
            at[0] += chunk.length();
        });
        return done.future();
    }

    /** Ends the stream with {@code error} and drops it at the node. */
    public void cancel(Throwable error) {
        if (ended) {
            return;
        }
        ended = true;
        tellNodeToDrop();
        if (exceptionHandler != null) {
            exceptionHandler.handle(error);
        }
    }

    @Override
    public ReplyStream handler(Handler<Buffer> handler) {
        if (handler == null) {
            if (!ended) {
                ended = true;
                tellNodeToDrop();
            }
            this.handler = null;
            return this;
        }
        this.handler = handler;
        pump();
        return this;
    }

    @Override
    public ReplyStream pause() {
        demand = 0;
        return this;
    }

    @Override
    public ReplyStream resume() {
        demand = Long.MAX_VALUE;
        pump();
        return this;
    }

    @Override
    public ReplyStream fetch(long amount) {
        demand = demand == Long.MAX_VALUE || Long.MAX_VALUE - demand < amount ? Long.MAX_VALUE : demand + amount;
        pump();
        return this;
    }

    @Override
    public ReplyStream exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public ReplyStream endHandler(Handler<Void> handler) {
        this.endHandler = handler;
        return this;
    }

    /** Hands out what the demand allows, then asks the node for as many chunks as the window leaves room for. */
    private void pump() {
        if (delivering || ended || handler == null) {
            return; // a handler that calls fetch() re-enters here; the outer loop goes on
        }
        delivering = true;
        try {
            while (!ended && handler != null && demand > 0 && delivered < chunks && slots[delivered % slots.length] != null) {
                Buffer chunk = slots[delivered % slots.length];
                slots[delivered % slots.length] = null;
                delivered++;
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                handler.handle(chunk);
            }
        } finally {
            delivering = false;
        }
        if (ended) {
            return;
        }
        if (delivered == chunks) {
            ended = true;
            if (endHandler != null) {
                endHandler.handle(null);
            }
            return;
        }
        while (requested < chunks && requested - delivered < slots.length) {
            pull();
        }
    }

    private void pull() {
        requested++;
        JsonObject body = new JsonObject().put("id", header.id()).put("taken", delivered);
        vertx.eventBus().<Buffer>request(header.address(), body, new DeliveryOptions().setSendTimeout(pullTimeout.toMillis()))
                .onComplete(ar -> {
                    if (ended) {
                        return;
                    }
                    if (ar.failed()) {
                        cancel(EventBusErrors.toException(ar.cause(), method, endpoint, pullTimeout));
                    } else {
                        take(ar.result());
                    }
                });
    }

    private void take(Message<Buffer> reply) {
        int index;
        try {
            index = Integer.parseInt(reply.headers().get(RpcHeaders.CHUNK));
        } catch (NumberFormatException e) {
            cancel(new MalformedResponseException(method, endpoint, "reply stream chunk without an index"));
            return;
        }
        Buffer chunk = reply.body();
        long expected = Math.min(header.chunkBytes(), totalBytes - (long) index * header.chunkBytes());
        if (index < delivered || index >= requested || slots[index % slots.length] != null || chunk == null
                || chunk.length() != expected) {
            cancel(new MalformedResponseException(method, endpoint, "reply stream chunk " + index + " of "
                    + (chunk == null ? "no" : chunk.length()) + " bytes does not fit (expected " + expected
                    + ", delivered " + delivered + ", requested " + requested + ")"));
            return;
        }
        slots[index % slots.length] = chunk;
        pump();
    }

    private void tellNodeToDrop() {
        if (header != null && delivered < chunks) {
            vertx.eventBus().send(header.address(), new JsonObject().put("id", header.id()).put("cancel", true));
        }
    }
}
