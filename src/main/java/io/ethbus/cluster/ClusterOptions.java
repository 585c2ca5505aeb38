package io.ethbus.cluster;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How a JVM joins an ethbus cluster: the Hazelcast file ({@code conf/cluster.xml}) and the
 * values of its placeholders, plus optional TLS for the event bus between members. Read
 * from system properties ({@code -Dethbus.cluster.members=10.0.0.1,10.0.0.2}) or the
 * environment ({@code ETHBUS_CLUSTER_MEMBERS=...}); system properties win.
 *
 * @param configFile       Hazelcast XML file
 * @param name             cluster name; members of another name never join
 * @param members          TCP-IP join list, comma separated {@code host[:port]}
 * @param networkInterface address Hazelcast and the event bus bind to and announce
 * @param port             first Hazelcast port (the next 19 are tried too)
 * @param logging          Hazelcast logging type: jdk, slf4j or none
 * @param tls              TLS for the event bus, or null for plain TCP
 */
public record ClusterOptions(Path configFile, String name, String members, String networkInterface, int port,
                             String logging, EventBusTls tls) {
    public static final Path DEFAULT_CONFIG = Path.of("conf", "cluster.xml");

    public ClusterOptions {
        Objects.requireNonNull(configFile, "configFile");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(networkInterface, "networkInterface");
        Objects.requireNonNull(logging, "logging");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("cluster port out of range: " + port);
        }
    }

    /** Loopback defaults: one machine, cluster "ethbus", Hazelcast on 127.0.0.1:5701+. */
    public static ClusterOptions defaults() {
        return new ClusterOptions(DEFAULT_CONFIG, "ethbus", "127.0.0.1", "127.0.0.1", 5701, "jdk", null);
    }

    /** The options of this process: defaults overridden by the environment, then system properties. */
    public static ClusterOptions fromEnvironment() {
        return fromSettings(System.getenv(), System.getProperties());
    }

    /** As {@link #fromEnvironment()}, from the given environment and properties. */
    public static ClusterOptions fromSettings(Map<String, String> env, Properties properties) {
        ClusterOptions d = defaults();
        String keyStore = setting(env, properties, "tls.keystore", null);
        EventBusTls tls = keyStore == null ? null
                : new EventBusTls(Path.of(keyStore), setting(env, properties, "tls.password", ""));
        return new ClusterOptions(
                Path.of(setting(env, properties, "config", d.configFile().toString())),
                setting(env, properties, "name", d.name()),
                setting(env, properties, "members", d.members()),
                setting(env, properties, "interface", d.networkInterface()),
                Integer.parseInt(setting(env, properties, "port", Integer.toString(d.port()))),
                setting(env, properties, "logging", d.logging()),
                tls);
    }

    public ClusterOptions withName(String newName) {
        return new ClusterOptions(configFile, newName, members, networkInterface, port, logging, tls);
    }

    public ClusterOptions withTls(EventBusTls newTls) {
        return new ClusterOptions(configFile, name, members, networkInterface, port, logging, newTls);
    }

    /** The values of the placeholders in the Hazelcast file. */
    public Properties hazelcastProperties() {
        Properties p = new Properties();
        p.setProperty("ethbus.cluster.name", name);
        p.setProperty("ethbus.cluster.members", members);
        p.setProperty("ethbus.cluster.interface", networkInterface);
        p.setProperty("ethbus.cluster.port", Integer.toString(port));
        p.setProperty("ethbus.cluster.logging", logging);
        return p;
    }

    private static String setting(Map<String, String> env, Properties properties, String key, String fallback) {
        String property = properties.getProperty("ethbus.cluster." + key);
        if (property != null) {
            return property;
        }
        String variable = env.get("ETHBUS_CLUSTER_" + key.replace('.', '_').toUpperCase(Locale.ROOT));
        return variable != null ? variable : fallback;
    }

    /**
     * TLS between the members' event buses: one PKCS#12 store holding the member's key and
     * certificate, also trusted as the peers' certificate (every member shares it).
     */
    public record EventBusTls(Path keyStore, String password) {
        public EventBusTls {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "EventBusTls[keyStore=" + keyStore + ", password=***]";
        }
    }
}
