package io.ethbus.client;

import io.ethbus.bus.EventBusTransport;
import io.ethbus.bus.ReplyStream;
import io.ethbus.heads.DeliveredHeads;
import io.ethbus.heads.HeadEventJson;
import io.ethbus.heads.LogFollower;
import io.ethbus.heads.SubscriptionVerticle;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.eth.Eth;
import io.ethbus.eth.EthCalls;
import io.ethbus.eth.Net;
import io.ethbus.eth.Debug;
import io.ethbus.eth.Trace;
import io.ethbus.eth.Txpool;
import io.ethbus.eth.Web3;
import io.ethbus.middleware.Onion;
import io.ethbus.multicall.Multicall3;
import io.ethbus.primitives.Address;
import io.ethbus.provider.Provider;
import io.ethbus.rpc.Batch;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;

import java.time.Duration;

/**
 * The typed Ethereum client: {@link #eth()}, {@link #net()}, {@link #web3()}, {@link #txpool()},
 * {@link #debug()} and {@link #trace()}
 * namespaces, untyped {@link #request} for any other method, and {@link #batch()}.
 * Every call passes through the client onion ({@link #middlewareOnion()}: signing, nonce
 * and fee filling, ENS names) before it leaves the caller.
 *
 * <pre>
 * EthClient client = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of("http://127.0.0.1:8545")));
 * client.eth().blockNumber().onSuccess(n -&gt; System.out.println("head " + n));
 * </pre>
 *
 * A client built on a provider is used from the context that owns the provider.
 */
public final class EthClient {
    /** Deadline of a call over the event bus unless the caller chooses another. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Block numbers a head stream remembers to drop repeats: more than the default reorg depth of 64. */
    private static final int HEADS_REMEMBERED = 256;

    private final Onion onion = new Onion();
    /** Set for a client over the event bus: where its streams come from. */
    private final Vertx vertx;
    private final String busEndpoint;
    private final EventBusTransport bus;
    /** Set for a direct client given a Vert.x: its streams follow its own provider. */
    private final DirectHeads directHeads;
    private final RpcCaller caller;
    private final Eth eth;
    private final Net net;
    private final Web3 web3;
    private final Txpool txpool;
    private final Debug debug;
    private final Trace trace;

    private EthClient(RpcTransport transport) {
        this(transport, null, null, null, null);
    }

    private EthClient(RpcTransport transport, Vertx vertx, String busEndpoint, EventBusTransport bus, DirectHeads directHeads) {
        this.vertx = vertx;
        this.busEndpoint = busEndpoint;
        this.bus = bus;
        this.directHeads = directHeads;
        this.caller = new RpcCaller(onion.around(transport));
        this.eth = new Eth(caller);
        this.net = new Net(caller);
        this.web3 = new Web3(caller);
        this.txpool = new Txpool(caller);
        this.debug = new Debug(caller);
        this.trace = new Trace(caller);
    }

    /**
     * A client that calls the node through {@code provider}, with no hop in between. Its
     * {@link #heads()} and {@link #logs} need {@link #direct(Vertx, Provider)}.
     */
    public static EthClient direct(Provider provider) {
        return new EthClient(provider);
    }

    /**
     * As {@link #direct(Provider)}, and {@link #heads()} and {@link #logs} follow the provider
     * itself, gap-free and reorg-aware as over the bus: pushed heads over WebSocket or IPC
     * (subscribed again and backfilled after a reconnect), {@code eth_blockNumber} every 2 s over
     * HTTP. One follower serves all of the client's streams, and none runs while none is open:
     * {@code EthClient.direct(vertx, new WebSocketProvider(vertx, ConnectionOptions.of(url))).heads()}.
     */
    public static EthClient direct(Vertx vertx, Provider provider) {
        return new EthClient(provider, null, null, null, new DirectHeads(vertx, provider, Duration.ofSeconds(2)));
    }

    /**
     * A client whose calls travel the event bus to the node verticles serving
     * {@code endpoint}, in this JVM or any cluster member: {@code EthClient.overEventBus(vertx, "mainnet")}.
     */
    public static EthClient overEventBus(Vertx vertx, String endpoint) {
        return overEventBus(vertx, endpoint, DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #overEventBus(Vertx, String)}, each call allowed {@code timeout} (its deadline);
     * answers are put together up to a quarter of the heap (see {@link EventBusTransport}).
     */
    public static EthClient overEventBus(Vertx vertx, String endpoint, Duration timeout) {
        return overEventBus(vertx, endpoint, timeout, 0);
    }

    /**
     * As {@link #overEventBus(Vertx, String, Duration)}; an answer larger than
     * {@code maxResponseBytes} (0: a quarter of the heap, at most 256 MiB) fails with
     * {@link io.ethbus.rpc.PayloadTooLargeException} on this side instead of being put together.
     */
    public static EthClient overEventBus(Vertx vertx, String endpoint, Duration timeout, long maxResponseBytes) {
        EventBusTransport bus = new EventBusTransport(vertx, endpoint, timeout, maxResponseBytes);
        return new EthClient(bus, vertx, endpoint, bus, null);
    }

    /** A client over any transport (a middleware chain, the event bus, a provider). */
    public static EthClient over(RpcTransport transport) {
        return new EthClient(transport);
    }

    /** The client onion: layers that belong to the caller, run before a call leaves it. */
    public Onion middlewareOnion() {
        return onion;
    }

    public Eth eth() {
        return eth;
    }

    public Net net() {
        return net;
    }

    public Web3 web3() {
        return web3;
    }

    /** The txpool namespace: what the node holds that is not mined yet. */
    public Txpool txpool() {
        return txpool;
    }

    /** The tracing methods of the debug namespace: call frames and account states per transaction. */
    public Debug debug() {
        return debug;
    }

    /** The parity-style trace namespace: flat traces of blocks and transactions. */
    public Trace trace() {
        return trace;
    }

    /** Any method, untyped: {@code client.request("anvil_mine", "0x1")}. Params as in {@link io.ethbus.rpc.JsonRpcCodec#params}. */
    public Future<JsonNode> request(String method, Object... params) {
        return caller.request(method, params);
    }

    /**
     * The raw JSON-RPC answer to {@code method} (the whole {@code {"jsonrpc", "id", "result"}}
     * object) as a stream of bytes with back-pressure, for answers too large to hold or decode
     * at once: hash them, write them to a file ({@code stream.pipeTo(asyncFile)}), forward
     * them. A large answer is pulled from the node chunk by chunk only as fast as the stream
     * is read. It bypasses the client onion, whose layers work on decoded answers. Only for
     * clients over the event bus; params as in {@link #request}.
     */
    public Future<ReplyStream> streamReply(String method, Object... params) {
        if (bus == null) {
            return Future.failedFuture(new IllegalStateException("streamReply needs a client over the event bus"));
        }
        return bus.streamReply(new RpcRequest(1, method, JsonRpcCodec.params(params)));
    }

    /** A new batch: add typed calls from {@link EthCalls} (or untyped ones), then {@link Batch#send()}. */
    public Batch batch() {
        return caller.batch();
    }

    /**
     * A new multicall through Multicall3 at its canonical address
     * ({@link Multicall3#CANONICAL_ADDRESS}, deployed on nearly every chain): add calls, then
     * {@link Multicall#execute()}.
     */
    public Multicall multicall() {
        return multicall(Multicall3.CANONICAL_ADDRESS);
    }

    /** As {@link #multicall()}, through a Multicall3 deployed at {@code multicallAddress}. */
    public Multicall multicall(Address multicallAddress) {
        return new Multicall(caller, multicallAddress);
    }

    /**
     * The head stream of this client's endpoint, as a {@code SubscriptionVerticle} publishes it
     * (gap-free, reorg-aware; see {@link HeadEventJson}), each event once also where a cluster
     * takeover publishes a head twice, buffered up to 1,024 events with
     * the oldest dropped when the consumer falls behind. For clients over the event bus, and
     * direct clients built with {@link #direct(Vertx, Provider)} (which follow their provider).
     */
    public SubscriptionStream<JsonObject> heads() {
        return heads(1024, OverflowPolicy.DROP_OLDEST);
    }

    /** As {@link #heads()}, with a chosen buffer and overflow policy. */
    public SubscriptionStream<JsonObject> heads(int capacity, OverflowPolicy policy) {
        if (directHeads != null) {
            // A chain does not pause: under PAUSE the stream holds what arrives beyond its capacity.
            Runnable[] remove = {() -> { }};
            SubscriptionStream<JsonObject> stream = new SubscriptionStream<>("heads of " + endpoint(), capacity, policy,
                    () -> { }, () -> { }, () -> remove[0].run());
            remove[0] = directHeads.add(stream::push, stream::fail);
            return stream;
        }
        if (vertx == null || busEndpoint == null) {
            throw new IllegalStateException("heads() needs a client over the event bus with a named endpoint,"
                    + " or one made by EthClient.direct(vertx, provider)");
        }
        MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(SubscriptionVerticle.headsAddress(busEndpoint));
        SubscriptionStream<JsonObject> stream = new SubscriptionStream<>("heads of " + busEndpoint, capacity, policy,
                consumer::pause, consumer::resume, consumer::unregister);
        DeliveredHeads delivered = new DeliveredHeads(HEADS_REMEMBERED);
        consumer.handler(message -> {
            if (delivered.firstTime(message.body())) {
                stream.push(message.body());
            }
        });
        return stream;
    }

    /**
     * Logs matching {@code filter} (addresses and topics; its block range is ignored) as blocks
     * arrive: gap-free like the heads, and on a reorg the logs of removed blocks come again
     * with {@code removed} true. Buffered up to 4,096 logs, oldest dropped when behind.
     */
    public SubscriptionStream<Log> logs(LogFilter filter) {
        return logs(filter, 4096, OverflowPolicy.DROP_OLDEST);
    }

    /** As {@link #logs(LogFilter)}, with a chosen buffer and overflow policy. */
    public SubscriptionStream<Log> logs(LogFilter filter, int capacity, OverflowPolicy policy) {
        SubscriptionStream<JsonObject> heads = heads(1024, OverflowPolicy.PAUSE);
        SubscriptionStream<Log> logs = new SubscriptionStream<>("logs of " + endpoint(), capacity, policy,
                heads::pause, heads::resume, heads::close);
        LogFollower<Log> follower = new LogFollower<>(filter, eth::getLogs, Log::asRemoved, logs::push, 256);
        heads.exceptionHandler(logs::fail);
        heads.handler(event -> follower.onHeadEvent(event).onFailure(logs::fail));
        return logs;
    }

    /**
     * The logs of {@code filter} over its whole block range (to the current head when it ends
     * at a tag), in block order, each once: the range is split adaptively when the node
     * refuses a span as too large, and the next span is asked for only while the consumer
     * keeps up. The stream ends after the last block. Spans of at most 2,000 blocks.
     */
    public SubscriptionStream<Log> streamLogs(LogFilter filter) {
        return streamLogs(filter, 2_000);
    }

    /** As {@link #streamLogs(LogFilter)}, with the widest span asked for in one call. */
    public SubscriptionStream<Log> streamLogs(LogFilter filter, long maxSpan) {
        return LogRangeScanner.stream(caller, filter, maxSpan, 10_000);
    }

    /** The endpoint behind this client, secrets masked. */
    public String endpoint() {
        return caller.endpoint();
    }
}
