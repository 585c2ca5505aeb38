package io.ethbus.node;

import io.ethbus.bus.ReplyStream;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ResponseBudget;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own (small heap) for the heap-ceiling test: serves endpoint {@code flood} at
 * {@code args[0]} with a node verticle, asks for {@code eth_getLogs} over all blocks at once
 * directly, over the event bus and via streamReply, prints one line per way
 * ({@value #OUTCOME} WAY TYPE limit=L seen=S message=M), then a small call each way
 * ({@value #SMALL} ...) and the budget left reserved ({@value #DONE} inFlight=N), and exits.
 */
public final class HeapCeilingProbe {
    public static final String OUTCOME = "probe outcome";
    public static final String SMALL = "probe small";
    public static final String DONE = "probe done";

    private HeapCeilingProbe() {
    }

    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        JsonObject config = new JsonObject().put("defaultEndpoint", "flood")
                .put("endpoints", new JsonObject().put("flood", new JsonObject().put("url", args[0])));
        await(vertx.deployVerticle(NodeVerticle::new, new DeploymentOptions().setConfig(config)));
        EthClient direct = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of(args[0])));
        EthClient bus = EthClient.overEventBus(vertx, "flood", Duration.ofSeconds(60));
        Map<String, Object> filter = Map.of("fromBlock", "0x0", "toBlock", "latest");

        Map<String, Future<?>> ways = Map.of(
                "direct", direct.request("eth_getLogs", filter),
                "bus", bus.request("eth_getLogs", filter),
                "streamReply", bus.streamReply("eth_getLogs", filter).compose(ReplyStream::bytes));
        Future.join(List.copyOf(ways.values())).otherwiseEmpty().toCompletionStage().toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        ways.forEach((way, outcome) -> {
            Throwable e = outcome.cause();
            String line = e instanceof PayloadTooLargeException p
                    ? "PayloadTooLargeException limit=" + p.limit() + " seen=" + p.bytesSeen() + " message=" + p.getMessage()
                    : outcome.succeeded() ? "succeeded" : String.valueOf(e);
            System.out.println(OUTCOME + " " + way + " " + line);
        });
        System.out.println(SMALL + " direct=" + await(direct.request("eth_chainId")).asText()
                + " bus=" + await(bus.request("eth_chainId")).asText());
        System.out.println(DONE + " inFlight=" + ResponseBudget.of(vertx).inFlight()
                + " ceiling=" + ResponseBudget.of(vertx).defaultCeiling());
        System.out.flush();
        vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
}
