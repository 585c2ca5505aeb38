package io.ethbus.cli;

import io.ethbus.node.OperationsVerticle;
import java.util.List;
import java.util.function.Supplier;
import io.ethbus.cluster.ClusterMember;
import io.ethbus.cluster.ClusterOptions;
import io.ethbus.cluster.ClusteredVertx;
import io.ethbus.cluster.MemberStatsVerticle;
import io.ethbus.node.ConfigLoader;
import io.ethbus.node.NodeConfig;
import io.ethbus.node.NodeVerticle;
import io.ethbus.heads.SubscriptionVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;

/**
 * {@code ethbus node [--config FILE] [--cluster] [--instances N]}: serves the endpoints of
 * the node configuration on the event bus (node verticles, head subscriptions) until the
 * process is stopped. With {@code --cluster} it joins the Hazelcast cluster of
 * {@code conf/cluster.xml}, so that every member's {@code EthClient} can reach it.
 */
@Command(name = "node",
        mixinStandardHelpOptions = true,
        description = {"Serves JSON-RPC endpoints on the (clustered) event bus until stopped.",
                "Configuration: --config FILE, else -Dethbus.config / ETHBUS_CONFIG, else conf/ethbus.json;",
                "cluster settings: -Dethbus.cluster.* / ETHBUS_CLUSTER_* (see conf/cluster.xml)."})
public final class NodeCommand implements Callable<Integer> {
    /** Printed on stdout once every verticle is deployed; scripts and tests wait for it. */
    public static final String READY = "ethbus node ready";
    private static final long START_TIMEOUT_SECONDS = 120;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "node configuration (JSON)")
    Path config;

    @Option(names = "--cluster", description = "join the Hazelcast cluster (conf/cluster.xml)")
    boolean cluster;

    @Option(names = "--instances", paramLabel = "N", description = "node verticle instances (default: 2 x cores)")
    Integer instances;

    @Override
    public Integer call() throws Exception {
        int n = instances == null ? 2 * Runtime.getRuntime().availableProcessors() : instances;
        if (n <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--instances must be positive");
        }
        JsonObject nodeConfig;
        try {
            nodeConfig = loadConfig();
            NodeConfig.fromJson(nodeConfig); // fail on a bad configuration before joining anything
        } catch (IllegalArgumentException | UncheckedIOException e) {
            // a configuration that cannot be read or served is bad usage, not a crash
            String message = e.getMessage().startsWith("configuration ") ? e.getMessage() : "configuration: " + e.getMessage();
            throw new CommandLine.ParameterException(spec.commandLine(), message);
        }
        Vertx vertx;
        String memberId;
        Supplier<List<String>> members = null;
        Supplier<Future<Void>> close;
        if (cluster) {
            ClusterMember member = await(ClusteredVertx.start(ClusterOptions.fromEnvironment()));
            vertx = member.vertx();
            memberId = member.nodeId();
            members = member::memberIds;
            close = member::close; // Vert.x and the Hazelcast started for it
        } else {
            vertx = Vertx.vertx();
            memberId = "local-" + UUID.randomUUID();
            close = vertx::close;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(close), "ethbus-node-shutdown"));
        await(Future.all(
                vertx.deployVerticle(NodeVerticle::new, new DeploymentOptions().setInstances(n).setConfig(nodeConfig)),
                vertx.deployVerticle(SubscriptionVerticle::new, new DeploymentOptions().setConfig(nodeConfig)),
                vertx.deployVerticle(() -> new MemberStatsVerticle(memberId), new DeploymentOptions().setConfig(nodeConfig))));
        String operations = "";
        if (nodeConfig.containsKey("operations")) {
            // Only when asked for: members on one host would otherwise all want the same port.
            OperationsVerticle ops = new OperationsVerticle(members);
            await(vertx.deployVerticle(ops, new DeploymentOptions().setConfig(nodeConfig)));
            operations = " operations=" + ops.port(); // the port bound, also when configured as 0
        }
        spec.commandLine().getOut().println(READY + ": member=" + memberId + " endpoints="
                + nodeConfig.getJsonObject("endpoints").fieldNames() + " instances=" + n + operations);
        spec.commandLine().getOut().flush();
        new CountDownLatch(1).await(); // until killed; the shutdown hook leaves the cluster
        return CommandLine.ExitCode.OK;
    }

    private JsonObject loadConfig() {
        if (config == null) {
            return ConfigLoader.load();
        }
        return ConfigLoader.load(config);
    }

    /** The main thread waits for start-up; event loops never block. */
    private static <T> T await(Future<T> future) {
        return MainThreadWait.await(future, "node start-up", null, Duration.ofSeconds(START_TIMEOUT_SECONDS));
    }

    private static void closeQuietly(Supplier<Future<Void>> close) {
        try {
            MainThreadWait.await(close.get(), "close", null, Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            // leaving anyway: the other members notice the missing heartbeat
        }
    }
}
