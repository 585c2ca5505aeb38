package io.ethbus.cluster;

import io.ethbus.testsupport.Await;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A cluster that would listen beyond loopback starts only with a shared secret and event-bus
 * TLS, and says which setting is missing; no secret or password reaches an error or a
 * {@code toString()}. Nothing here joins a cluster: the refusal comes before Hazelcast starts.
 */
class ClusterClosedByDefaultTest {
    private static final String SECRET = "0123456789abcdef-not-to-be-printed";

    @Test
    void beyondLoopbackWithoutCredentialsRefusesToStartNamingWhatIsMissing() {
        ClusterOptions open = options(Map.of("ETHBUS_CLUSTER_INTERFACE", "10.0.0.*"));
        ClusterStartException refused = refusal(open);
        System.out.println("[cluster] " + refused.getMessage());
        assertTrue(refused.getMessage().contains("10.0.0.*"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ethbus.cluster.secret.file"), refused.getMessage());
        assertTrue(refused.getMessage().contains("ethbus.cluster.tls.keystore"), refused.getMessage());

        ClusterOptions secretOnly = options(Map.of("ETHBUS_CLUSTER_INTERFACE", "0.0.0.0", "ETHBUS_CLUSTER_SECRET", SECRET));
        ClusterStartException noTls = refusal(secretOnly);
        assertTrue(noTls.getMessage().contains("ethbus.cluster.tls.keystore"), noTls.getMessage());
        assertFalse(noTls.getMessage().contains("ethbus.cluster.secret.file"), noTls.getMessage());
        assertFalse(noTls.getMessage().contains(SECRET), noTls.getMessage());
    }

    @Test
    void loopbackNeedsNoCredentials() {
        assertEquals(java.util.List.of(), options(Map.of()).missingCredentials());
        assertEquals(java.util.List.of(), options(Map.of("ETHBUS_CLUSTER_INTERFACE", "127.0.0.*")).missingCredentials());
        assertEquals(2, options(Map.of("ETHBUS_CLUSTER_INTERFACE", "192.168.1.5")).missingCredentials().size());
    }

    @Test
    void secretsAndPasswordsNeverPrinted() {
        Properties properties = new Properties();
        properties.setProperty("ethbus.cluster.secret", SECRET);
        properties.setProperty("ethbus.cluster.tls.keystore", "/etc/ethbus/member.p12");
        properties.setProperty("ethbus.cluster.tls.password", "keystore-password-xyz");
        properties.setProperty("ethbus.cluster.tls.truststore.password", "truststore-password-xyz");
        ClusterOptions options = ClusterOptions.fromSettings(Map.of(), properties);
        String printed = options.toString();
        assertFalse(printed.contains(SECRET), printed);
        assertFalse(printed.contains("keystore-password-xyz"), printed);
        assertFalse(printed.contains("truststore-password-xyz"), printed);
        assertTrue(printed.contains("/etc/ethbus/member.p12"), printed);
    }

    @Test
    void aShortOrUnreadableSecretIsATypedErrorWithoutTheSecret() throws Exception {
        ClusterStartException tooShort = assertThrows(ClusterStartException.class,
                () -> ClusterSecret.ofValue("short-secret").bytes());
        assertFalse(tooShort.getMessage().contains("short-secret"), tooShort.getMessage());
        assertTrue(tooShort.getMessage().contains(Integer.toString(ClusterSecret.MIN_BYTES)), tooShort.getMessage());

        Path missing = Files.createTempDirectory("ethbus-secret").resolve("absent.secret");
        ClusterStartException unreadable = assertThrows(ClusterStartException.class,
                () -> ClusterSecret.ofFile(missing).bytes());
        assertTrue(unreadable.getMessage().contains(missing.toString()), unreadable.getMessage());

        // on start: a typed failure, before Hazelcast
        ClusterStartException onStart = refusal(ClusterOptions.defaults().withSecret(ClusterSecret.ofFile(missing)));
        assertTrue(onStart.getMessage().contains("absent.secret"), onStart.getMessage());
    }

    private static ClusterOptions options(Map<String, String> env) {
        return ClusterOptions.fromSettings(env, new Properties());
    }

    private static ClusterStartException refusal(ClusterOptions options) {
        return assertInstanceOf(ClusterStartException.class, Await.failure(ClusteredVertx.start(options)));
    }
}
