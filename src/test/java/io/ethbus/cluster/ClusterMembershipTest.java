package io.ethbus.cluster;

import io.ethbus.devchain.DevChain;
import io.ethbus.client.EthClient;
import io.ethbus.bus.RpcAddresses;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.LocalCluster;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client-only member reaches the node verticles of two child-JVM members; only JSON crosses. */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterMembershipTest {
    LocalCluster cluster;

    @BeforeAll
    void start(DevChain chain) {
        JsonObject config = new JsonObject().put("endpoints",
                new JsonObject().put("anvil", new JsonObject().put("url", chain.httpUrl())));
        cluster = LocalCluster.start("membership", 2, config);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void clientOnlyMemberReachesNodeVerticlesOfEveryMember(DevChain chain) {
        EthClient client = EthClient.overEventBus(cluster.client().vertx(), "anvil");
        Map<String, Long> before = result(MemberStats.served(cluster.client(), "anvil"));
        List<Future<BigInteger>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(client.eth().chainId());
        }
        result(Future.all(calls));
        calls.forEach(c -> assertEquals(BigInteger.valueOf(31337), c.result()));

        Map<String, Long> after = result(MemberStats.served(cluster.client(), "anvil"));
        System.out.println("[cluster] served per member after 40 calls: " + after);
        assertEquals(cluster.memberIds().size(), after.size(), "every child member answers its stats: " + after);
        assertTrue(!after.containsKey(cluster.client().nodeId()), "the client member serves nothing");
        for (String id : cluster.memberIds()) {
            assertTrue(after.get(id) - before.getOrDefault(id, 0L) > 0, "member " + id + " served some: " + after);
        }
    }

    @Test
    void theClientMemberExampleAsksTheCluster() {
        String answer = result(io.ethbus.examples.ClusterClientMember.ask(cluster.client(), "anvil"));
        assertTrue(answer.matches("head \\d+ on chain 31337 via anvil"), answer);
    }

    @Test
    void aBodyWithoutJsonCodecIsRefusedBeforeItLeaves() {
        // A Serializable object: Vert.x could only send it with Java serialisation, which the
        // clustered bus refuses for classes not allowed; ethbus registers no codec for it.
        record Opaque(String value) implements Serializable {
        }
        Throwable refused = sendFailure(new Opaque("x"));
        assertInstanceOf(IllegalArgumentException.class, refused, String.valueOf(refused));
        assertTrue(refused.getMessage().toLowerCase().contains("codec"), refused.getMessage());
    }

    @Test
    void aBufferThatIsNotJsonFailsWithParseError() {
        Throwable failed = failure(cluster.client().vertx().eventBus()
                .request(RpcAddresses.rpc("anvil"), Buffer.buffer(new byte[]{(byte) 0xac, (byte) 0xed, 0, 5})));
        ReplyException reply = assertInstanceOf(ReplyException.class, failed);
        assertEquals(ReplyFailure.RECIPIENT_FAILURE, reply.failureType());
        assertEquals(-32700, reply.failureCode());
        assertTrue(reply.getMessage().startsWith("parse error"), reply.getMessage());
    }

    private Throwable sendFailure(Object body) {
        try {
            return failure(cluster.client().vertx().eventBus().request(RpcAddresses.rpc("anvil"), body));
        } catch (RuntimeException thrown) {
            return thrown; // refused synchronously, before any future
        }
    }
}
