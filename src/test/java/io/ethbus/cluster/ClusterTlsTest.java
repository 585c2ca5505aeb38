package io.ethbus.cluster;

import io.ethbus.devchain.DevChain;
import io.ethbus.client.EthClient;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.LocalCluster;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutual TLS on the event bus between members, with certificates made by keytool for the
 * test: members present the member certificate and accept only the certificates of the trust
 * store. A peer that has the cluster secret (so Hazelcast lets it in) but presents a
 * certificate of its own, or no TLS at all, gets no answer.
 */
@ExtendWith(AnvilExtension.class)
class ClusterTlsTest {
    private static final String PASSWORD = "changeit";

    @Test
    void onlyPeersWithATrustedCertificateGetAnswers(DevChain chain) throws Exception {
        Path dir = Files.createDirectories(AnvilExtension.workDir().resolve("cluster").resolve("tls")
                .resolve(Long.toString(System.nanoTime())));
        Path member = keyPair(dir, "member");
        Path memberCertificate = dir.resolve("member.crt");
        keytool(dir, "-exportcert", "-rfc", "-alias", "member", "-keystore", member.toString(), "-storepass", PASSWORD,
                "-file", memberCertificate.toString());
        Path trust = dir.resolve("members-trust.p12");
        keytool(dir, "-importcert", "-noprompt", "-alias", "member", "-file", memberCertificate.toString(),
                "-storetype", "PKCS12", "-keystore", trust.toString(), "-storepass", PASSWORD);
        // trusts the members' certificate, so that only the members' check of its own can refuse it
        Path stranger = keyPair(dir, "stranger");

        ClusterOptions options = LocalCluster.freshOptions()
                .withTls(new ClusterOptions.EventBusTls(member, PASSWORD, trust, PASSWORD));
        JsonObject config = new JsonObject().put("endpoints",
                new JsonObject().put("anvil", new JsonObject().put("url", chain.httpUrl())));
        try (LocalCluster cluster = LocalCluster.start("tls", 1, config, options, List.of())) {
            EthClient client = EthClient.overEventBus(cluster.client().vertx(), "anvil");
            assertEquals(BigInteger.valueOf(31337), result(client.eth().chainId()));

            List<ClusterOptions> peers = List.of(
                    options.withTls(new ClusterOptions.EventBusTls(stranger, PASSWORD, trust, PASSWORD)),
                    options.withTls(null));
            for (ClusterOptions peer : peers) {
                ClusterMember untrusted = result(ClusteredVertx.start(peer.withLogging("none")
                        .withConfig(options.configFile())), 120);
                try {
                    // in Hazelcast (it has the secret): the event bus alone has to refuse it
                    assertEquals(3, untrusted.memberIds().size(), "members: " + untrusted.memberIds());
                    long headBefore = result(client.eth().blockNumber());
                    Map<String, Long> servedBefore = result(MemberStats.served(cluster.client(), "anvil"));
                    EthClient refusedClient = EthClient.overEventBus(untrusted.vertx(), "anvil", Duration.ofSeconds(3));
                    Throwable refused = Await.failure(refusedClient.request("evm_mine"));
                    System.out.println("[cluster] peer with " + (peer.tls() == null ? "no TLS" : "an untrusted certificate")
                            + " against mutual-TLS members: " + refused);
                    assertInstanceOf(ProviderTimeoutException.class, refused);
                    // nor did the request reach the node: not only the answer was lost on the way back
                    assertEquals(servedBefore, result(MemberStats.served(cluster.client(), "anvil")), "calls served");
                    assertEquals(headBefore, (long) result(client.eth().blockNumber()), "nothing mined");
                } finally {
                    result(untrusted.close(), 30);
                }
            }
            assertEquals(BigInteger.valueOf(31337), result(client.eth().chainId()), "the members still answer each other");
        }
    }

    private static Path keyPair(Path dir, String alias) throws Exception {
        Path store = dir.resolve(alias + ".p12");
        keytool(dir, "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=ethbus " + alias, "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return store;
    }

    private static void keytool(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Path log = dir.resolve("keytool.log");
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(keytool.waitFor(30, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, keytool.exitValue(), "keytool " + args[0] + ": " + Files.readString(log));
    }
}
