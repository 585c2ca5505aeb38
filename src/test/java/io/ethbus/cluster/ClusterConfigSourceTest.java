package io.ethbus.cluster;

import com.hazelcast.config.Config;
import io.ethbus.testsupport.Await;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hazelcast file comes from the jar unless a file is configured, so that a library user's
 * working directory needs no {@code conf/}. Nothing here joins a cluster: configurations are
 * built, not started.
 */
class ClusterConfigSourceTest {

    @Test
    void byDefaultTheBuiltInCopyOfConfClusterXmlWithItsPlaceholdersFilled() throws Exception {
        ClusterOptions options = ClusterOptions.fromSettings(Map.of("ETHBUS_CLUSTER_NAME", "from-env"), new Properties());
        assertNull(options.configFile());
        try (InputStream builtIn = options.openConfig()) {
            assertArrayEquals(Files.readAllBytes(Path.of("conf", "cluster.xml")), builtIn.readAllBytes(),
                    "the jar's cluster.xml is conf/cluster.xml");
        }
        Config config = ClusteredVertx.hazelcastConfig(options);
        assertEquals("from-env", config.getClusterName());
        assertEquals("3", config.getProperty("hazelcast.max.no.heartbeat.seconds"));
        assertEquals("built-in cluster.xml", options.configSource());
    }

    @Test
    void aConfiguredFileReplacesTheBuiltInOne() throws Exception {
        Path file = Files.createTempFile("ethbus-cluster", ".xml");
        Files.writeString(file, Files.readString(Path.of("conf", "cluster.xml"))
                .replace("<property name=\"hazelcast.max.no.heartbeat.seconds\">3</property>",
                        "<property name=\"hazelcast.max.no.heartbeat.seconds\">7</property>"));
        Properties properties = new Properties();
        properties.setProperty("ethbus.cluster.config", file.toString());
        ClusterOptions byProperty = ClusterOptions.fromSettings(Map.of(), properties);
        assertEquals("7", ClusteredVertx.hazelcastConfig(byProperty).getProperty("hazelcast.max.no.heartbeat.seconds"));
        ClusterOptions byEnv = ClusterOptions.fromSettings(Map.of("ETHBUS_CLUSTER_CONFIG", file.toString()), new Properties());
        assertEquals(file, byEnv.configFile());
    }

    @Test
    void aMissingConfiguredFileIsATypedStartFailureNamingIt() throws Exception {
        Path missing = Files.createTempDirectory("ethbus-cluster").resolve("absent.xml");
        ClusterOptions options = ClusterOptions.defaults().withConfig(missing);
        ClusterStartException failed = assertInstanceOf(ClusterStartException.class,
                Await.failure(ClusteredVertx.start(options)));
        assertTrue(failed.getMessage().contains(missing.toString()), failed.getMessage());
    }
}
