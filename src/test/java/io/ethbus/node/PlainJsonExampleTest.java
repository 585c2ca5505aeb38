package io.ethbus.node;

import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.examples.PlainJsonBlockWatcher;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The example verticle of examples/ works against a real node verticle and anvil. */
@ExtendWith(AnvilExtension.class)
class PlainJsonExampleTest {
    @Test
    void plainJsonWatcherPublishesTheHead(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try {
            JsonObject config = new JsonObject().put("endpoints",
                    new JsonObject().put("default", new JsonObject().put("url", chain.httpUrl())));
            result(NodeVerticle.deploy(vertx, config));
            long expected = result(EthClient.overEventBus(vertx, "default").eth().blockNumber());
            Promise<Long> head = Promise.promise();
            vertx.eventBus().<Long>consumer("examples.head", m -> head.tryComplete(m.body()));
            result(vertx.deployVerticle(new PlainJsonBlockWatcher(),
                    new DeploymentOptions().setConfig(new JsonObject().put("periodMs", 100))));
            assertEquals(expected, result(head.future(), 10));
        } finally {
            result(vertx.close());
        }
    }
}
