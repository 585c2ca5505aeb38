package io.ethbus.bus;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The large replies one node verticle instance is handing out in chunks, and the event-bus
 * address consumers pull them from ({@code ethbus.stream.<uuid>}, one per instance, cluster-wide).
 * A pull is a request {@code {"id": stream, "taken": n}} (n = chunks the consumer has taken so
 * far) answered with the next chunk as a {@link Buffer}, its index in the
 * {@link RpcHeaders#CHUNK} header; {@code {"id": stream, "cancel": true}} drops a stream.
 * A stream is released once its last chunk is handed out, on cancel, or when no pull came for
 * the idle timeout (its consumer is gone).
 * <p>
 * Memory: each open stream holds its serialised reply (bounded by the endpoint's
 * {@code maxResponseBytes} plus the envelope); chunks are views on it, and at most
 * {@link ReplyStreamOptions#inFlightBound()} bytes per stream are handed out and not yet
 * taken, so the copies on their way (event-bus and socket buffers, the consumer's slots) are
 * bounded by that window. Used from the owning verticle's context only; the figures may be
 * read from anywhere.
 */
public final class ReplyStreams {
    private static final System.Logger LOG = System.getLogger(ReplyStreams.class.getName());

    private final Vertx vertx;
    private final ReplyStreamOptions options;
    private final String address = RpcAddresses.PREFIX + "stream." + UUID.randomUUID();
    private final Map<String, ChunkedReply> open = new HashMap<>();
    private MessageConsumer<Object> consumer;
    private long nextId;
    // Written on the owning context only; volatile so that meters and tests may read them.
    private volatile int openStreams;
    private volatile long opened;
    private volatile long idleReleases;
    private volatile long heldBytes;
    private volatile long inFlightBytes;
    private volatile long peakInFlightBytes;

    public ReplyStreams(Vertx vertx, ReplyStreamOptions options) {
        this.vertx = vertx;
        this.options = options;
    }

    /** Registers the pull address; complete once the cluster knows it. */
    public Future<Void> start() {
        consumer = vertx.eventBus().consumer(address, this::handle);
        return consumer.completion();
    }

    /** Drops every open stream and the pull address. */
    public Future<Void> close() {
        List.copyOf(open.values()).forEach(this::release);
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }

    /** Whether a reply of this size goes in chunks. */
    boolean worthStreaming(Buffer reply) {
        return reply.length() > options.thresholdBytes();
    }

    /** Opens a stream over {@code reply}; the header tells the consumer where to pull it from. */
    ReplyStreamHeader open(Buffer reply) {
        String id = Long.toString(++nextId);
        ChunkedReply stream = new ChunkedReply(id, reply, options.chunkBytes(), options.window());
        open.put(id, stream);
        openStreams = open.size();
        opened++;
        heldBytes += reply.length();
        armIdleTimer(stream);
        return new ReplyStreamHeader(address, id, reply.length(), options.chunkBytes(), options.window());
    }

    private void handle(Message<Object> message) {
        if (!(message.body() instanceof JsonObject pull) || pull.getString("id") == null) {
            message.fail(EventBusErrors.INVALID_REQUEST, "a pull is {\"id\": stream, \"taken\": n}");
            return;
        }
        ChunkedReply stream = open.get(pull.getString("id"));
        if (stream == null) {
            message.fail(EventBusErrors.STREAM_GONE, "no open reply stream " + pull.getString("id") + " at " + address);
            return;
        }
        if (pull.getBoolean("cancel", false)) {
            release(stream);
            return;
        }
        Buffer chunk;
        long inFlightBefore = stream.inFlightBytes();
        try {
            chunk = stream.next(pull.getInteger("taken", -1));
        } catch (IllegalArgumentException | ClassCastException e) {
            release(stream);
            message.fail(EventBusErrors.INVALID_REQUEST, e.getMessage());
            return;
        }
        inFlightBytes += stream.inFlightBytes() - inFlightBefore;
        peakInFlightBytes = Math.max(peakInFlightBytes, inFlightBytes);
        message.reply(chunk, new DeliveryOptions().addHeader(RpcHeaders.CHUNK, Integer.toString(stream.lastServed())));
        if (stream.done()) {
            release(stream);
        } else {
            armIdleTimer(stream);
        }
    }

    private void armIdleTimer(ChunkedReply stream) {
        vertx.cancelTimer(stream.idleTimer());
        stream.idleTimer(vertx.setTimer(options.idleTimeout().toMillis(), t -> {
            if (open.get(stream.id()) == stream) {
                LOG.log(System.Logger.Level.DEBUG, "reply stream {0} idle for {1} ms: released", stream.id(),
                        options.idleTimeout().toMillis());
                idleReleases++;
                release(stream);
            }
        }));
    }

    private void release(ChunkedReply stream) {
        vertx.cancelTimer(stream.idleTimer());
        if (open.remove(stream.id()) != null) {
            openStreams = open.size();
            heldBytes -= stream.totalBytes();
            inFlightBytes -= stream.inFlightBytes();
        }
    }

    /**
     * Meters of this instance's streams, tagged with its address: {@code ethbus.reply_streams.open},
     * {@code .held.bytes}, {@code .inflight.bytes} (gauges), {@code .opened}, {@code .idle_releases} (counters).
     */
    public void registerMeters(MeterRegistry registry) {
        Tags tags = Tags.of("instance", address);
        Gauge.builder("ethbus.reply_streams.open", this, ReplyStreams::openStreams).tags(tags).register(registry);
        Gauge.builder("ethbus.reply_streams.held.bytes", this, ReplyStreams::heldBytes).tags(tags).register(registry);
        Gauge.builder("ethbus.reply_streams.inflight.bytes", this, ReplyStreams::inFlightBytes).tags(tags).register(registry);
        FunctionCounter.builder("ethbus.reply_streams.opened", this, ReplyStreams::opened).tags(tags).register(registry);
        FunctionCounter.builder("ethbus.reply_streams.idle_releases", this, ReplyStreams::idleReleases).tags(tags)
                .register(registry);
    }

    /** The pull address of this instance. */
    String address() {
        return address;
    }

    /** Streams open now. */
    public int openStreams() {
        return openStreams;
    }

    /** Streams opened so far. */
    long opened() {
        return opened;
    }

    /** Streams released because their consumer stopped pulling. */
    long idleReleases() {
        return idleReleases;
    }

    /** Bytes of the open streams held now (their serialised replies). */
    long heldBytes() {
        return heldBytes;
    }

    /** Bytes handed out and not yet taken, over all open streams. */
    long inFlightBytes() {
        return inFlightBytes;
    }

    /** The most {@link #inFlightBytes()} ever reached. */
    long peakInFlightBytes() {
        return peakInFlightBytes;
    }
}
