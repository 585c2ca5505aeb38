package io.ethbus.examples;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * A verticle that reacts to new heads and reorgs as a SubscriptionVerticle publishes them on
 * {@code ethbus.heads.<endpoint>}, with plain JSON only. It prints each head and, on a
 * reorg, which blocks were replaced, and publishes a short notice on {@code examples.reorgs}
 * that other verticles (or a test) can listen to.
 *
 * Config: {@code {"endpoint": "mainnet"}}.
 */
public class HeadAndReorgWatcher extends VerticleBase {
    private MessageConsumer<JsonObject> consumer;
    private long heads;

    @Override
    public Future<?> start() {
        String endpoint = config().getString("endpoint", "default");
        consumer = vertx.eventBus().consumer("ethbus.heads." + endpoint, message -> {
            JsonObject event = message.body();
            switch (event.getString("type")) {
                case "head" -> {
                    heads++;
                    System.out.println("head " + event.getLong("number") + " " + event.getString("hash"));
                }
                case "reorg" -> {
                    int depth = event.getJsonArray("removed").size();
                    System.out.println("reorg: " + depth + " block(s) replaced by " + event.getJsonArray("added").size());
                    vertx.eventBus().publish("examples.reorgs", new JsonObject()
                            .put("depth", depth)
                            .put("firstReplaced", event.getJsonArray("removed").getJsonObject(0).getLong("number"))
                            .put("headsSeen", heads));
                }
                default -> System.out.println("reorg deeper than " + event.getInteger("maxDepth")
                        + " blocks: starting again at " + event.getLong("number"));
            }
        });
        return consumer.completion();
    }

    @Override
    public Future<?> stop() {
        return consumer.unregister();
    }
}
