package io.ethbus.heads;

import io.ethbus.node.NodeVerticle;
import io.ethbus.client.EthClient;
import io.ethbus.client.SubscriptionStream;
import io.ethbus.heads.SubscriptionVerticle;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.LogEmitter;
import io.ethbus.testsupport.Mined;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.ethbus.heads.SubscriptionVerticleTest.until;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EthClient.logs(filter) over the event bus: each log once, and taken back on a reorg. */
@ExtendWith(AnvilExtension.class)
class LogStreamTest {
    @Test
    void logsArriveOnceAndAreRemovedOnReorg(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try {
            JsonObject endpoint = new JsonObject().put("url", chain.httpUrl()).put("wsUrl", chain.wsUrl());
            JsonObject config = new JsonObject().put("endpoints", new JsonObject().put("dev", endpoint));
            result(vertx.deployVerticle(NodeVerticle::new, new DeploymentOptions().setConfig(config)));
            result(vertx.deployVerticle(SubscriptionVerticle::new, new DeploymentOptions().setConfig(config)));
            EthClient client = EthClient.overEventBus(vertx, "dev");
            Address alice = result(client.eth().accounts()).get(0);
            Hash deployed = result(client.eth().sendTransaction(TransactionRequest.builder().from(alice)
                    .input(Bytes.of(LogEmitter.DEPLOY_INPUT)).build()));
            Address contract = Address.of(Mined.receipt(client, deployed.toHex()).get("contractAddress").asText());

            List<Log> logs = new CopyOnWriteArrayList<>();
            SubscriptionStream<Log> stream = client.logs(LogFilter.builder().address(contract).build());
            stream.handler(logs::add);
            // Wait until heads reach this JVM's consumers before anything is emitted.
            List<JsonObject> heads = new CopyOnWriteArrayList<>();
            SubscriptionStream<JsonObject> headStream = client.heads();
            headStream.handler(heads::add);
            result(client.request("anvil_mine", "0x1"));
            until("a head to arrive", () -> !heads.isEmpty());

            Hash first = emit(client, alice, contract, "0x01");
            until("the first log", () -> logs.size() == 1);
            assertEquals(first, logs.get(0).transactionHash());
            assertFalse(logs.get(0).removed());

            String snapshot = result(client.request("evm_snapshot")).asText();
            Hash second = emit(client, alice, contract, "0x0202");
            until("the second log", () -> logs.size() == 2);
            assertTrue(result(client.request("evm_revert", snapshot)).asBoolean());
            result(client.request("anvil_mine", "0x2"));
            until("the second log taken back", () -> logs.size() == 3);
            Log removed = logs.get(2);
            assertTrue(removed.removed());
            assertEquals(second, removed.transactionHash());
            assertEquals(List.of(first, second, second), logs.stream().map(Log::transactionHash).toList());
            stream.close();
            headStream.close();
        } finally {
            result(vertx.close());
        }
    }

    static Hash emit(EthClient client, Address from, Address contract, String data) {
        Hash hash = result(client.eth().sendTransaction(TransactionRequest.builder().from(from).to(contract)
                .input(Bytes.of(data)).build()));
        Mined.receipt(client, hash.toHex());
        return hash;
    }
}
