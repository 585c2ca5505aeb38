package io.ethbus.cluster;

import io.ethbus.devchain.DevChain;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.ChildJvm;
import io.ethbus.testsupport.ListeningSockets;
import io.ethbus.testsupport.LocalCluster;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster with a shared secret, as {@link LocalCluster} starts it: JVMs that know the
 * cluster name but not the secret get no membership, no shared data and no RPC answer; a
 * member listens on the configured interface (loopback) only.
 */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterAuthenticationTest {
    private static final String MAP = "ethbus.test.authentication";
    private static final Pattern RESULT = Pattern.compile(Pattern.quote(ClusterIntruder.RESULT)
            + ": members=(\\d+) value=(\\S+) rpc=(.*)");

    LocalCluster cluster;

    @BeforeAll
    void start(DevChain chain) {
        JsonObject config = new JsonObject().put("endpoints",
                new JsonObject().put("anvil", new JsonObject().put("url", chain.httpUrl())));
        cluster = LocalCluster.start("authentication", 1, config);
    }

    @AfterAll
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void jvmsWithTheNameButWithoutTheSecretGetNoMembershipNoDataNoRpc() throws Exception {
        ClusterMember legit = cluster.client();
        result(legit.vertx().sharedData().getClusterWideMap(MAP).compose(m -> m.put("k", "shared")));
        assertEquals(2, legit.memberIds().size(), "the node member and the client member");

        ClusterOptions noSecret = cluster.options().withSecret(null);
        ClusterOptions wrongSecret = cluster.options()
                .withSecret(ClusterSecret.ofFile(LocalCluster.newSecretFile(cluster.options().name() + "-wrong")));
        List<ChildJvm> intruders = new ArrayList<>();
        try {
            for (ClusterOptions options : List.of(noSecret, wrongSecret)) {
                List<String> jvmArgs = new ArrayList<>(LocalCluster.memberProperties(options));
                jvmArgs.replaceAll(a -> a.equals("-Dethbus.cluster.logging=none") ? "-Dethbus.cluster.logging=jdk" : a);
                intruders.add(ChildJvm.start("intruder-" + (options.secret() == null ? "no-secret" : "wrong-secret"),
                        ClusterIntruder.class.getName(), jvmArgs, List.of(MAP, "k", "anvil")));
            }
            for (ChildJvm intruder : intruders) {
                Matcher m = intruder.awaitLine(RESULT, Duration.ofSeconds(50));
                System.out.println("[cluster] " + intruder.name() + ": " + m.group());
                assertEquals("1", m.group(1), intruder.name() + " is a cluster of its own:\n" + intruder.tail());
                assertEquals("null", m.group(2), intruder.name() + " read nothing of the cluster's data");
                assertTrue(m.group(3).startsWith("failed"), intruder.name() + " got no answer: " + m.group(3));
            }
            // the intruders have given up joining: the legitimate members never saw them
            assertEquals(2, legit.memberIds().size(), "members: " + legit.memberIds());
            assertEquals("shared", result(legit.vertx().sharedData().<String, String>getClusterWideMap(MAP)
                    .compose(m -> m.get("k"))));

            String secret = Files.readString(cluster.options().secret().file().orElseThrow()).strip();
            for (ChildJvm jvm : intruders) {
                String log = Files.readString(jvm.log());
                assertFalse(log.contains(secret), jvm.name() + "'s output holds the secret");
            }
            for (ChildJvm jvm : cluster.members()) {
                assertFalse(Files.readString(jvm.log()).contains(secret), jvm.name() + "'s output holds the secret");
            }
        } finally {
            intruders.forEach(ChildJvm::close);
        }
    }

    @Test
    void aMemberListensOnTheConfiguredInterfaceOnly() {
        ChildJvm member = cluster.members().get(0);
        List<InetSocketAddress> listening = ListeningSockets.of(member.pid());
        System.out.println("[cluster] " + member.name() + " listens on " + listening);
        // Hazelcast's port and the event bus's
        assertTrue(listening.size() >= 2, "listening sockets: " + listening);
        for (InetSocketAddress address : listening) {
            assertEquals("127.0.0.1", address.getAddress().getHostAddress(), "listening sockets: " + listening);
        }
    }
}
