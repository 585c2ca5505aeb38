package io.ethbus.node;

import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.provider.RoutingMode;
import io.ethbus.provider.RoutingProvider;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.JsonRpcFaultProxy;
import io.ethbus.testsupport.JsonRpcFaultProxy.Fault;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A logical endpoint listing several URLs in the configuration, served over the event bus. */
@ExtendWith(AnvilExtension.class)
class RoutedEndpointConfigTest {
    @Test
    void severalUrlsWithPrioritiesServeAsOneEndpoint(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try (JsonRpcFaultProxy primary = new JsonRpcFaultProxy(vertx, chain.port());
             JsonRpcFaultProxy backup = new JsonRpcFaultProxy(vertx, chain.port())) {
            JsonObject endpoint = new JsonObject()
                    .put("urls", new JsonArray()
                            .add(new JsonObject().put("url", backup.url()).put("priority", 1))
                            .add(new JsonObject().put("url", primary.url()).put("priority", 0)))
                    .put("routing", "fallback").put("quorum", new JsonObject().put("eth_chainId", 2))
                    .put("maxHeadLagBlocks", 5).put("headProbeMs", 60_000)
                    .put("requestTimeoutMs", 1000)
                    .put("middleware", new JsonObject().put("retry", new JsonObject().put("enabled", false)));
            EndpointConfig parsed = EndpointConfig.fromJson("multi", endpoint);
            assertEquals(2, parsed.urls().size());
            assertEquals(RoutingMode.FALLBACK, parsed.routing());
            List<NodeVerticle> nodes = new CopyOnWriteArrayList<>();
            JsonObject config = new JsonObject().put("endpoints", new JsonObject().put("multi", endpoint));
            result(vertx.deployVerticle(() -> {
                NodeVerticle n = new NodeVerticle();
                nodes.add(n);
                return n;
            }, new io.vertx.core.DeploymentOptions().setConfig(config)));
            assertInstanceOf(RoutingProvider.class, nodes.get(0).stacks().get("multi").provider());

            EthClient client = EthClient.overEventBus(vertx, "multi");
            assertEquals(BigInteger.valueOf(31337), result(client.eth().chainId()), "quorum of the two URLs");
            int backupBefore = backup.requests();
            result(client.eth().getBalance(Address.ZERO, BlockId.LATEST));
            assertEquals(backupBefore, backup.requests(), "priority 0 serves while it is healthy");

            primary.fault(Fault.RESET);
            for (int i = 0; i < 5; i++) {
                result(client.eth().getBalance(Address.ZERO, BlockId.LATEST));
            }
            assertTrue(backup.requests() >= backupBefore + 5, "the backup took over");
        } finally {
            result(vertx.close());
        }
    }
}
