package io.ethbus.heads;

import io.ethbus.heads.SubscriptionVerticle;
import io.ethbus.heads.SubscriptionVerticleTest;
import io.ethbus.devchain.DevChain;
import io.ethbus.examples.HeadAndReorgWatcher;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Forks;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The heads-and-reorgs example of examples/ against a real reorg on anvil. */
@ExtendWith(AnvilExtension.class)
class HeadAndReorgExampleTest {
    @Test
    void watcherReportsTheReorg(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try {
            Promise<JsonObject> reorg = Promise.promise();
            vertx.eventBus().<JsonObject>consumer("examples.reorgs", m -> reorg.tryComplete(m.body()));
            result(vertx.deployVerticle(new HeadAndReorgWatcher(),
                    new DeploymentOptions().setConfig(new JsonObject().put("endpoint", "dev"))));
            JsonObject config = new JsonObject().put("endpoints",
                    new JsonObject().put("dev", new JsonObject().put("wsUrl", chain.wsUrl())));
            result(vertx.deployVerticle(SubscriptionVerticle::new, new DeploymentOptions().setConfig(config)));

            RpcCaller http = new RpcCaller(new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl())));
            long start = Long.decode(result(http.request("eth_blockNumber")).asText());
            String snapshot = result(http.request("evm_snapshot")).asText();
            result(http.request("anvil_mine", "0x3"));
            // Wait until the watcher has seen the three blocks that are about to be replaced.
            SubscriptionVerticleTest.until("three heads", () -> headOf(http) == start + 3);
            java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L);
            Forks.revertAndFork(http, snapshot, 3);

            JsonObject notice = result(reorg.future(), 15);
            assertEquals(3, notice.getInteger("depth"));
            assertEquals(start + 1, notice.getLong("firstReplaced"));
        } finally {
            result(vertx.close());
        }
    }

    static long headOf(RpcCaller http) {
        return Long.decode(result(http.request("eth_blockNumber")).asText());
    }
}
