package io.ethbus.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.eth.Eth;
import io.ethbus.eth.EthCalls;
import io.ethbus.eth.Net;
import io.ethbus.eth.Web3;
import io.ethbus.middleware.Onion;
import io.ethbus.provider.Provider;
import io.ethbus.rpc.Batch;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;

/**
 * The typed Ethereum client: {@link #eth()}, {@link #net()} and {@link #web3()}
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

    private final Onion onion = new Onion();
    private final RpcCaller caller;
    private final Eth eth;
    private final Net net;
    private final Web3 web3;

    private EthClient(RpcTransport transport) {
        this.caller = new RpcCaller(onion.around(transport));
        this.eth = new Eth(caller);
        this.net = new Net(caller);
        this.web3 = new Web3(caller);
    }

    /** A client that calls the node through {@code provider}, with no hop in between. */
    public static EthClient direct(Provider provider) {
        return new EthClient(provider);
    }

    /**
     * A client whose calls travel the event bus to the node verticles serving
     * {@code endpoint}, in this JVM or any cluster member: {@code EthClient.overEventBus(vertx, "mainnet")}.
     */
    public static EthClient overEventBus(Vertx vertx, String endpoint) {
        return overEventBus(vertx, endpoint, DEFAULT_TIMEOUT);
    }

    /** As {@link #overEventBus(Vertx, String)}, each call allowed {@code timeout} (its deadline). */
    public static EthClient overEventBus(Vertx vertx, String endpoint, Duration timeout) {
        return new EthClient(new EventBusTransport(vertx, endpoint, timeout));
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

    /** Any method, untyped: {@code client.request("anvil_mine", "0x1")}. Params as in {@link io.ethbus.rpc.JsonRpcCodec#params}. */
    public Future<JsonNode> request(String method, Object... params) {
        return caller.request(method, params);
    }

    /** A new batch: add typed calls from {@link EthCalls} (or untyped ones), then {@link Batch#send()}. */
    public Batch batch() {
        return caller.batch();
    }

    /** The endpoint behind this client, secrets masked. */
    public String endpoint() {
        return caller.endpoint();
    }
}
