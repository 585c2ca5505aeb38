package io.ethbus.node;

import io.ethbus.bus.EventBusRpcHandler;
import io.ethbus.bus.ReplyStreams;
import io.ethbus.bus.RpcAddresses;
import io.ethbus.bus.RequestCodec;
import io.ethbus.bus.SameLoopRoutes;
import io.ethbus.bus.RpcHeadersInterceptor;
import io.ethbus.bus.ServedRequests;
import io.ethbus.bus.TypedErrorAnswers;
import io.ethbus.metrics.NodeMetrics;
import io.ethbus.middleware.Onion;
import io.ethbus.provider.Provider;
import io.vertx.core.Future;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.core.eventbus.MessageConsumer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves JSON-RPC on the event bus for the endpoints of its configuration:
 * {@code ethbus.rpc.<endpoint>} for each, and {@code ethbus.rpc} for the default one.
 * Each request taken is counted in {@link ServedRequests}.
 * Deploy it in as many instances as there are event loops; each instance builds its own
 * providers, onions and caches from the configuration and never touches another's.
 *
 * <pre>NodeVerticle.deploy(vertx, ConfigLoader.load());   // one instance per event loop</pre>
 */
public class NodeVerticle extends VerticleBase {
    /** What one instance owns for one endpoint. */
    public record EndpointStack(Provider provider, Onion onion) {
    }

    private final Map<String, EndpointStack> stacks = new LinkedHashMap<>();
    private ReplyStreams replyStreams;

    /** Deploys one instance per event loop of a default-sized Vert.x (twice the cores). */
    public static Future<String> deploy(Vertx vertx, JsonObject config) {
        return deploy(vertx, config, VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
    }

    /** Deploys {@code instances} instances, each with its own providers, onions and caches. */
    public static Future<String> deploy(Vertx vertx, JsonObject config, int instances) {
        return vertx.deployVerticle(NodeVerticle::new, new DeploymentOptions().setInstances(instances).setConfig(config));
    }
    private final List<MessageConsumer<Object>> consumers = new ArrayList<>();
    /** The local-only consumers that take calls from callers on this instance's own event loop. */
    private final List<MessageConsumer<Object>> sameLoop = new ArrayList<>();

    @Override
    public Future<?> start() {
        NodeConfig config = NodeConfig.fromJson(config());
        RpcHeadersInterceptor.install(vertx, config.defaultDeadline());
        RequestCodec.install(vertx);
        replyStreams = new ReplyStreams(vertx, config.replyStreams());
        replyStreams.registerMeters(NodeMetrics.registry(vertx));
        List<Future<Void>> registrations = new ArrayList<>();
        registrations.add(replyStreams.start());
        for (EndpointConfig endpoint : config.endpoints().values()) {
            Provider provider = endpoint.provider(vertx);
            Onion onion = NodeOnion.defaultStack(endpoint, vertx);
            stacks.put(endpoint.name(), new EndpointStack(provider, onion));
            EventBusRpcHandler handler = new EventBusRpcHandler(vertx, endpoint.name(), new TypedErrorAnswers(onion.around(provider)),
                    config.defaultDeadline(), replyStreams, endpoint.maxRequestBytes());
            boolean isDefault = endpoint.name().equals(config.defaultEndpoint());
            registrations.add(ServedRequests.counter(vertx, endpoint.name()).compose(served -> {
                Handler<Message<Object>> counting = message -> {
                    served.incrementAndGet();
                    handler.handle(message);
                };
                Future<Void> named = register(RpcAddresses.rpc(endpoint.name()), counting);
                return isDefault ? Future.all(named, register(RpcAddresses.RPC_DEFAULT, counting)).mapEmpty() : named;
            }));
        }
        return Future.all(registrations);
    }

    @Override
    public Future<?> stop() {
        List<Future<Void>> closing = new ArrayList<>();
        sameLoop.forEach(c -> closing.add(SameLoopRoutes.close(vertx, c)));
        consumers.forEach(c -> closing.add(c.unregister()));
        closing.add(replyStreams.close());
        stacks.values().forEach(s -> closing.add(s.provider().close()));
        return Future.join(closing);
    }

    /** The providers and onions of this instance, by endpoint name (for inspection; do not use them from elsewhere). */
    public Map<String, EndpointStack> stacks() {
        return Map.copyOf(stacks);
    }

    /** The large replies this instance is streaming (for inspection). */
    public ReplyStreams replyStreams() {
        return replyStreams;
    }

    private Future<Void> register(String address, Handler<Message<Object>> handler) {
        MessageConsumer<Object> consumer = vertx.eventBus().consumer(address, handler);
        consumers.add(consumer);
        MessageConsumer<Object> onThisLoop = SameLoopRoutes.serve(vertx, address, handler);
        if (onThisLoop == null) {
            return consumer.completion();
        }
        sameLoop.add(onThisLoop);
        return Future.all(consumer.completion(), onThisLoop.completion()).mapEmpty();
    }
}
