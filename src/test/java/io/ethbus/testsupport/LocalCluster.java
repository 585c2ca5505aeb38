package io.ethbus.testsupport;

import io.ethbus.cli.NodeCommand;
import io.ethbus.cluster.ClusterMember;
import io.ethbus.cluster.ClusterOptions;
import io.ethbus.cluster.ClusterSecret;
import io.ethbus.cluster.ClusteredVertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A cluster on loopback for one test: {@code ethbus node --cluster} in child JVMs, plus a
 * client-only member in the test JVM (no node verticle of its own). Its own cluster name,
 * so that nothing else on the machine joins it. {@link #close()} leaves and kills every child.
 */
public final class LocalCluster implements AutoCloseable {
    private static final Pattern READY = Pattern.compile(Pattern.quote(NodeCommand.READY) + ": member=(\\S+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ClusterOptions options;
    private final List<ChildJvm> members;
    private final List<String> memberIds;
    private final ClusterMember client;

    private LocalCluster(ClusterOptions options, List<ChildJvm> members, List<String> memberIds, ClusterMember client) {
        this.options = options;
        this.members = members;
        this.memberIds = memberIds;
        this.client = client;
    }

    /** Options for a fresh, quiet cluster of its own name and its own secret (a file under target/). */
    public static ClusterOptions freshOptions() {
        String name = "ethbus-test-" + UUID.randomUUID().toString().substring(0, 8);
        return ClusterOptions.defaults().withName(name).withSecret(ClusterSecret.ofFile(newSecretFile(name)));
    }

    /** A new file holding a random secret of 32 bytes (hex), readable by its owner only. */
    public static Path newSecretFile(String name) {
        try {
            Path dir = Files.createDirectories(AnvilExtension.workDir().resolve("cluster").resolve("secrets"));
            Path file = dir.resolve(name + ".secret");
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.writeString(file, HexFormat.of().formatHex(secret));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code count} members serving {@code nodeConfig}, then the client member. */
    public static LocalCluster start(String name, int count, JsonObject nodeConfig) {
        return start(name, count, nodeConfig, freshOptions(), List.of());
    }

    /**
     * As {@link #start(String, int, JsonObject)}, with cluster options and extra JVM arguments
     * for the members. {@code nodeConfig} may hold a "member-N" object per member to merge in.
     */
    public static LocalCluster start(String name, int count, JsonObject nodeConfig, ClusterOptions options,
                                     List<String> extraJvmArgs) {
        return start(name, count, nodeConfig, options, extraJvmArgs, true);
    }

    /**
     * As {@link #start(String, int, JsonObject, ClusterOptions, List)} without the client member
     * in this JVM ({@link #client()} is null): for tests whose other members are child JVMs too
     * (started with {@link #memberProperties}).
     */
    public static LocalCluster startMembersOnly(String name, int count, JsonObject nodeConfig, ClusterOptions options,
                                                List<String> extraJvmArgs) {
        return start(name, count, nodeConfig, options, extraJvmArgs, false);
    }

    private static LocalCluster start(String name, int count, JsonObject nodeConfig, ClusterOptions options,
                                      List<String> extraJvmArgs, boolean clientMember) {
        List<ChildJvm> members = new ArrayList<>();
        ClusterMember client = null;
        try {
            Path dir = Files.createDirectories(AnvilExtension.workDir().resolve("cluster").resolve(name));
            for (int i = 1; i <= count; i++) {
                Path config = dir.resolve("member-" + i + ".json");
                JsonObject own = nodeConfig.copy();
                JsonObject extra = (JsonObject) own.remove("member-" + i);
                if (extra != null) {
                    own.mergeIn(extra, true);
                }
                own.fieldNames().removeIf(k -> k.startsWith("member-"));
                Files.writeString(config, own.encodePrettily());
                List<String> jvmArgs = new ArrayList<>(memberProperties(options));
                jvmArgs.addAll(extraJvmArgs);
                members.add(ChildJvm.start(name + "-member-" + i, "io.ethbus.cli.EthbusCommand", jvmArgs,
                        List.of("node", "--cluster", "--config", config.toString(), "--instances", "2")));
            }
            List<String> ids = new ArrayList<>();
            for (ChildJvm member : members) {
                ids.add(member.awaitLine(READY, START_TIMEOUT).group(1));
            }
            if (clientMember) {
                client = Await.result(ClusteredVertx.start(quiet(options)), START_TIMEOUT.toSeconds());
            }
            return new LocalCluster(options, members, ids, client);
        } catch (IOException e) {
            members.forEach(ChildJvm::close);
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            members.forEach(ChildJvm::close);
            throw e;
        }
    }

    /** The client-only member in this JVM (null when started with {@link #startMembersOnly}). */
    public ClusterMember client() {
        return client;
    }

    public List<ChildJvm> members() {
        return List.copyOf(members);
    }

    /** Cluster ids of the child members, in start order. */
    public List<String> memberIds() {
        return List.copyOf(memberIds);
    }

    public ClusterOptions options() {
        return options;
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                Await.result(client.close(), 20);
            }
        } catch (RuntimeException | AssertionError e) {
            // the children are killed anyway
        } finally {
            members.forEach(ChildJvm::close);
        }
    }

    private static ClusterOptions quiet(ClusterOptions options) {
        return new ClusterOptions(absoluteConfig(options), options.name(), options.members(),
                options.networkInterface(), options.port(), "none", options.tls(), options.secret());
    }

    // a child JVM may run elsewhere: a configured file is passed on absolute
    private static Path absoluteConfig(ClusterOptions options) {
        return options.configFile() == null ? null : options.configFile().toAbsolutePath();
    }

    /** The system properties a child JVM needs to join the cluster of {@code options} ({@code ClusterOptions.fromEnvironment()}). */
    public static List<String> memberProperties(ClusterOptions options) {
        List<String> p = new ArrayList<>(List.of(
                "-Dethbus.cluster.name=" + options.name(),
                "-Dethbus.cluster.members=" + options.members(),
                "-Dethbus.cluster.interface=" + options.networkInterface(),
                "-Dethbus.cluster.port=" + options.port(),
                "-Dethbus.cluster.logging=none"));
        if (options.configFile() != null) {
            p.add("-Dethbus.cluster.config=" + absoluteConfig(options));
        }
        if (options.tls() != null) {
            p.add("-Dethbus.cluster.tls.keystore=" + options.tls().keyStore().toAbsolutePath());
            p.add("-Dethbus.cluster.tls.password=" + options.tls().password());
            p.add("-Dethbus.cluster.tls.truststore=" + options.tls().trustStore().toAbsolutePath());
            p.add("-Dethbus.cluster.tls.truststore.password=" + options.tls().trustPassword());
        }
        if (options.secret() != null) {
            // a file, so that the secret itself is not on the child's command line
            Path file = options.secret().file().orElseThrow(() -> new IllegalArgumentException(
                    "child members take the cluster secret from a file"));
            p.add("-Dethbus.cluster.secret.file=" + file.toAbsolutePath());
        }
        return p;
    }
}
