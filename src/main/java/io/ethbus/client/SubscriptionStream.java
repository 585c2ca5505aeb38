package io.ethbus.client;

import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;

import java.util.ArrayDeque;
import java.util.function.Function;

/**
 * A {@link ReadStream} of subscription items with a bounded buffer towards a slow consumer
 * and an explicit {@link OverflowPolicy}. Items are pushed by the subscription's source on
 * its context; the consumer uses the usual pause/resume/fetch. Used from one context only.
 */
public final class SubscriptionStream<T> implements ReadStream<T> {
    /** What a {@link #map mapped} stream holds before it pauses the stream it maps. */
    private static final int MAPPED_CAPACITY = 16;

    private final String name;
    private final int capacity;
    private final OverflowPolicy policy;
    private final Runnable pauseSource;
    private final Runnable resumeSource;
    private final Runnable onClose;
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private Handler<T> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private long demand = Long.MAX_VALUE;
    private long dropped;
    private boolean sourcePaused;
    private boolean ended;
    private boolean delivering;

    /**
     * @param pauseSource  called under {@link OverflowPolicy#PAUSE} when the buffer is full
     * @param resumeSource called when a paused source may go on
     * @param onClose      called once when the stream ends (release the source)
     */
    public SubscriptionStream(String name, int capacity, OverflowPolicy policy,
                              Runnable pauseSource, Runnable resumeSource, Runnable onClose) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.name = name;
        this.capacity = capacity;
        this.policy = policy;
        this.pauseSource = pauseSource;
        this.resumeSource = resumeSource;
        this.onClose = onClose;
    }

    /** Takes the next item from the source. */
    public void push(T item) {
        if (ended) {
            return;
        }
        buffer.addLast(item);
        if (buffer.size() > capacity) {
            switch (policy) {
                case DROP_OLDEST -> {
                    buffer.pollFirst();
                    dropped++;
                }
                case FAIL -> {
                    fail(new SubscriptionOverflowException(name, capacity));
                    return;
                }
                case PAUSE -> { } // the source was paused when the buffer filled; it may still have sent a few
            }
        }
        if (policy == OverflowPolicy.PAUSE && buffer.size() >= capacity && !sourcePaused) {
            sourcePaused = true;
            pauseSource.run();
        }
        drain();
    }

    /** Ends the stream with an error (the source failed). */
    public void fail(Throwable error) {
        if (ended) {
            return;
        }
        ended = true;
        buffer.clear();
        onClose.run();
        if (exceptionHandler != null) {
            exceptionHandler.handle(error);
        }
    }

    /**
     * This stream's items through {@code mapper}, as a stream of their own. The buffer and
     * overflow policy stay this stream's: the mapped stream holds at most a few items and
     * pauses this one while its consumer does not keep up. An item mapped to null is left out
     * (a mapping may also filter). An item the mapper throws on fails the mapped stream with
     * that error (and closes this one); closing either closes both.
     * Take the mapped stream instead of this one: it sets this stream's handlers.
     */
    public <R> SubscriptionStream<R> map(Function<? super T, ? extends R> mapper) {
        SubscriptionStream<R> mapped = new SubscriptionStream<>(name, MAPPED_CAPACITY, OverflowPolicy.PAUSE,
                this::pause, this::resume, this::close);
        exceptionHandler(mapped::fail);
        endHandler(v -> mapped.close());
        handler(item -> {
            R out;
            try {
                out = mapper.apply(item);
            } catch (RuntimeException e) {
                mapped.fail(e);
                return;
            }
            if (out != null) {
                mapped.push(out);
            }
        });
        return mapped;
    }

    /** Items dropped under {@link OverflowPolicy#DROP_OLDEST}. */
    public long dropped() {
        return dropped;
    }

    /** Items waiting for the consumer. */
    public int buffered() {
        return buffer.size();
    }

    /** Ends the stream and releases its source; the end handler is called. */
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        buffer.clear();
        onClose.run();
        if (endHandler != null) {
            endHandler.handle(null);
        }
    }

    @Override
    public SubscriptionStream<T> handler(Handler<T> handler) {
        this.handler = handler;
        if (handler == null) {
            close();
        } else {
            drain();
        }
        return this;
    }

    @Override
    public SubscriptionStream<T> pause() {
        demand = 0;
        return this;
    }

    @Override
    public SubscriptionStream<T> resume() {
        demand = Long.MAX_VALUE;
        drain();
        return this;
    }

    @Override
    public SubscriptionStream<T> fetch(long amount) {
        demand = demand == Long.MAX_VALUE || Long.MAX_VALUE - demand < amount ? Long.MAX_VALUE : demand + amount;
        drain();
        return this;
    }

    @Override
    public SubscriptionStream<T> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public SubscriptionStream<T> endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }

    private void drain() {
        if (delivering) {
            return; // a handler that calls fetch() re-enters here; the outer loop goes on
        }
        delivering = true;
        try {
            while (handler != null && demand > 0 && !buffer.isEmpty() && !ended) {
                if (demand != Long.MAX_VALUE) {
                    demand--;
                }
                handler.handle(buffer.pollFirst());
            }
        } finally {
            delivering = false;
        }
        if (sourcePaused && buffer.size() <= capacity / 2) {
            sourcePaused = false;
            resumeSource.run();
        }
    }
}
