package io.ethbus.examples;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A verticle that knows nothing of ethbus's classes: it talks to the node verticles with
 * plain JSON on the well-known address {@code ethbus.rpc}, as a verticle written in any
 * Vert.x language would. Every {@code periodMs} it asks for the head block number and
 * publishes it on {@code examples.head} as a number.
 *
 * Run it beside a node: {@code vertx.deployVerticle(new PlainJsonBlockWatcher(), new DeploymentOptions().setConfig(new JsonObject().put("periodMs", 1000)))}.
 */
public class PlainJsonBlockWatcher extends VerticleBase {
    private long timer;

    @Override
    public Future<?> start() {
        long period = config().getLong("periodMs", 1000L);
        timer = vertx.setPeriodic(0, period, id -> poll());
        return Future.succeededFuture();
    }

    private void poll() {
        JsonObject request = new JsonObject().put("method", "eth_blockNumber").put("params", new JsonArray());
        vertx.eventBus().<JsonObject>request("ethbus.rpc", request).onComplete(ar -> {
            if (ar.succeeded()) {
                long head = Long.decode(ar.result().body().getString("result"));
                vertx.eventBus().publish("examples.head", head);
            } else {
                // The failure carries the JSON-RPC code and message of the node or of ethbus.
                System.err.println("eth_blockNumber failed: " + ar.cause().getMessage());
            }
        });
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }
}
