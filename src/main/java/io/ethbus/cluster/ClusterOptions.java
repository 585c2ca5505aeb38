package io.ethbus.cluster;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * How a JVM joins an ethbus cluster: the Hazelcast file (by default the copy of
 * {@code conf/cluster.xml} built into the jar, so that any working directory will do) and the
 * values of its placeholders, the shared secret members prove to each other, and mutual TLS
 * for the event bus between members. Read
 * from system properties ({@code -Dethbus.cluster.members=10.0.0.1,10.0.0.2}) or the
 * environment ({@code ETHBUS_CLUSTER_MEMBERS=...}); system properties win.
 *
 * @param configFile       Hazelcast XML file, or null for the built-in one
 * @param name             cluster name; members of another name never join
 * @param members          TCP-IP join list, comma separated {@code host[:port]}
 * @param networkInterface address Hazelcast and the event bus bind to and announce
 * @param port             first Hazelcast port (the next 19 are tried too)
 * @param logging          Hazelcast logging type: jdk, slf4j or none
 * @param tls              mutual TLS for the event bus, or null for plain TCP (loopback only)
 * @param secret           the secret members prove on every Hazelcast connection, or null
 *                         for none (loopback only: then any local process knowing the name joins)
 */
public record ClusterOptions(Path configFile, String name, String members, String networkInterface, int port,
                             String logging, EventBusTls tls, ClusterSecret secret) {
    // the build copies conf/cluster.xml here (pom.xml, resources)
    private static final String BUILT_IN_CONFIG = "cluster.xml";

    public ClusterOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(networkInterface, "networkInterface");
        Objects.requireNonNull(logging, "logging");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("cluster port out of range: " + port);
        }
    }

    /** Options without a shared secret (loopback only). */
    public ClusterOptions(Path configFile, String name, String members, String networkInterface, int port,
                          String logging, EventBusTls tls) {
        this(configFile, name, members, networkInterface, port, logging, tls, null);
    }

    /** Loopback defaults: the built-in Hazelcast file, one machine, cluster "ethbus", Hazelcast on 127.0.0.1:5701+. */
    public static ClusterOptions defaults() {
        return new ClusterOptions(null, "ethbus", "127.0.0.1", "127.0.0.1", 5701, "jdk", null);
    }

    /** The options of this process: defaults overridden by the environment, then system properties. */
    public static ClusterOptions fromEnvironment() {
        return fromSettings(System.getenv(), System.getProperties());
    }

    /** As {@link #fromEnvironment()}, from the given environment and properties. */
    public static ClusterOptions fromSettings(Map<String, String> env, Properties properties) {
        ClusterOptions d = defaults();
        String keyStore = setting(env, properties, "tls.keystore", null);
        EventBusTls tls = null;
        if (keyStore != null) {
            String password = setting(env, properties, "tls.password", "");
            String trustStore = setting(env, properties, "tls.truststore", keyStore);
            tls = new EventBusTls(Path.of(keyStore), password, Path.of(trustStore),
                    setting(env, properties, "tls.truststore.password", password));
        }
        String secretFile = setting(env, properties, "secret.file", null);
        String secretValue = setting(env, properties, "secret", null);
        ClusterSecret secret = secretFile != null ? ClusterSecret.ofFile(Path.of(secretFile))
                : secretValue != null ? ClusterSecret.ofValue(secretValue) : null;
        String configFile = setting(env, properties, "config", null);
        return new ClusterOptions(
                configFile == null || configFile.isBlank() ? d.configFile() : Path.of(configFile),
                setting(env, properties, "name", d.name()),
                setting(env, properties, "members", d.members()),
                setting(env, properties, "interface", d.networkInterface()),
                Integer.parseInt(setting(env, properties, "port", Integer.toString(d.port()))),
                setting(env, properties, "logging", d.logging()),
                tls, secret);
    }

    public ClusterOptions withName(String newName) {
        return new ClusterOptions(configFile, newName, members, networkInterface, port, logging, tls, secret);
    }

    public ClusterOptions withTls(EventBusTls newTls) {
        return new ClusterOptions(configFile, name, members, networkInterface, port, logging, newTls, secret);
    }

    public ClusterOptions withSecret(ClusterSecret newSecret) {
        return new ClusterOptions(configFile, name, members, networkInterface, port, logging, tls, newSecret);
    }

    public ClusterOptions withConfig(Path newConfigFile) {
        return new ClusterOptions(newConfigFile, name, members, networkInterface, port, logging, tls, secret);
    }

    public ClusterOptions withLogging(String newLogging) {
        return new ClusterOptions(configFile, name, members, networkInterface, port, newLogging, tls, secret);
    }

    /**
     * Opens the Hazelcast XML: {@link #configFile()}, else the built-in copy. Blocks on a file read.
     *
     * @throws IOException when the file cannot be read
     */
    public InputStream openConfig() throws IOException {
        if (configFile != null) {
            return Files.newInputStream(configFile);
        }
        InputStream builtIn = ClusterOptions.class.getResourceAsStream(BUILT_IN_CONFIG);
        if (builtIn == null) {
            throw new FileNotFoundException("the built-in " + BUILT_IN_CONFIG + " is missing from the classpath");
        }
        return builtIn;
    }

    /** Where the Hazelcast XML comes from, for messages: the absolute file, or "built-in cluster.xml". */
    public String configSource() {
        return configFile != null ? configFile.toAbsolutePath().toString() : "built-in " + BUILT_IN_CONFIG;
    }

    /** True when Hazelcast and the event bus bind to a loopback address only (127.x.x.x, ::1, localhost). */
    public boolean loopbackOnly() {
        String i = networkInterface.strip().toLowerCase(Locale.ROOT);
        return i.startsWith("127.") || i.equals("localhost") || i.equals("::1") || i.equals("0:0:0:0:0:0:0:1");
    }

    /**
     * The settings a cluster that listens beyond loopback lacks (shared secret, event-bus TLS),
     * empty when none is missing; a loopback cluster lacks none.
     */
    public List<String> missingCredentials() {
        if (loopbackOnly()) {
            return List.of();
        }
        List<String> missing = new ArrayList<>();
        if (secret == null) {
            missing.add("the cluster secret (ethbus.cluster.secret.file / ETHBUS_CLUSTER_SECRET_FILE,"
                    + " or ethbus.cluster.secret / ETHBUS_CLUSTER_SECRET)");
        }
        if (tls == null) {
            missing.add("event-bus TLS (ethbus.cluster.tls.keystore / ETHBUS_CLUSTER_TLS_KEYSTORE"
                    + " with ethbus.cluster.tls.password, and a trust store of the members' certificates)");
        }
        return missing;
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
     * Mutual TLS between the members' event buses: each member presents the key and
     * certificate of {@code keyStore} and accepts only peers (as server and as client) whose
     * certificate chains to one in {@code trustStore}. By default the trust store is the key
     * store: every member shares one key and trusts exactly its certificate.
     *
     * @param keyStore      PKCS#12 store with this member's key and certificate
     * @param password      its password
     * @param trustStore    PKCS#12 store of the member certificates to accept
     * @param trustPassword its password
     */
    public record EventBusTls(Path keyStore, String password, Path trustStore, String trustPassword) {
        public EventBusTls {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(trustStore, "trustStore");
            Objects.requireNonNull(trustPassword, "trustPassword");
        }

        /** One store as key store and trust store: members share one key and trust its certificate. */
        public EventBusTls(Path keyStore, String password) {
            this(keyStore, password, keyStore, password);
        }

        @Override
        public String toString() {
            return "EventBusTls[keyStore=" + keyStore + ", password=***, trustStore=" + trustStore + ", trustPassword=***]";
        }
    }
}
