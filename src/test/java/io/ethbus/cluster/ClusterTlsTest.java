package io.ethbus.cluster;

import io.ethbus.devchain.DevChain;
import io.ethbus.node.EthClient;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.LocalCluster;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event bus between members over TLS, with a self-signed certificate made for the test. */
@ExtendWith(AnvilExtension.class)
class ClusterTlsTest {
    @Test
    void membersTalkOverTls(DevChain chain) throws Exception {
        Path dir = Files.createDirectories(AnvilExtension.workDir().resolve("cluster").resolve("tls"));
        Path store = dir.resolve("member-" + System.nanoTime() + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "member", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertTrue(keytool.waitFor(30, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, keytool.exitValue(), "keytool: " + Files.readString(dir.resolve("keytool.log")));

        ClusterOptions options = LocalCluster.freshOptions()
                .withTls(new ClusterOptions.EventBusTls(store, "changeit"));
        JsonObject config = new JsonObject().put("endpoints",
                new JsonObject().put("anvil", new JsonObject().put("url", chain.httpUrl())));
        try (LocalCluster cluster = LocalCluster.start("tls", 1, config, options, List.of())) {
            EthClient client = EthClient.overEventBus(cluster.client().vertx(), "anvil");
            assertEquals(31337L, result(client.eth().chainId()));
            // A member without the certificate cannot talk to the TLS members.
            ClusterMember plain = result(ClusteredVertx.start(new ClusterOptions(options.configFile().toAbsolutePath(),
                    options.name(), options.members(), options.networkInterface(), options.port(), "none", null)), 120);
            try {
                EthClient untrusted = EthClient.overEventBus(plain.vertx(), "anvil", java.time.Duration.ofSeconds(3));
                Throwable refused = io.ethbus.testsupport.Await.failure(untrusted.eth().chainId());
                System.out.println("[cluster] plain member against TLS members: " + refused.getMessage());
            } finally {
                result(plain.close(), 20);
            }
        }
    }
}
