package io.ethbus.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/**
 * Starts a clustered Vert.x from {@code conf/cluster.xml}: Hazelcast with TCP-IP join
 * (multicast off) and the event bus bound to the same interface, with TLS when asked.
 *
 * <pre>ClusteredVertx.start(ClusterOptions.fromEnvironment()).onSuccess(member -&gt; ...);</pre>
 */
public final class ClusteredVertx {
    private ClusteredVertx() {
    }

    /** Joins the cluster described by {@code options} with default Vert.x options. */
    public static Future<ClusterMember> start(ClusterOptions options) {
        return start(options, new VertxOptions());
    }

    /** Joins the cluster described by {@code options}; event-bus settings of {@code vertxOptions} are replaced. */
    public static Future<ClusterMember> start(ClusterOptions options, VertxOptions vertxOptions) {
        Config config;
        try {
            config = hazelcastConfig(options);
        } catch (IOException | RuntimeException e) {
            return Future.failedFuture(new ClusterStartException(
                    "cannot read cluster configuration " + options.configFile().toAbsolutePath() + ": " + e.getMessage(), e));
        }
        HazelcastClusterManager manager = new HazelcastClusterManager(config);
        VertxOptions withBus = new VertxOptions(vertxOptions).setEventBusOptions(eventBusOptions(options));
        return Vertx.builder().with(withBus).withClusterManager(manager).buildClustered()
                .recover(e -> Future.failedFuture(new ClusterStartException("cannot join cluster '" + options.name()
                        + "' via " + options.members() + ": " + e.getMessage(), e)))
                .map(vertx -> new ClusterMember(vertx, manager));
    }

    /** The Hazelcast configuration: the XML file with its placeholders filled from {@code options}, plus the rate budget's serializers. */
    public static Config hazelcastConfig(ClusterOptions options) throws IOException {
        try (InputStream in = Files.newInputStream(options.configFile())) {
            Config config = new XmlConfigBuilder(in).setProperties(options.hazelcastProperties()).build();
            RateBudgetBuckets.registerSerializers(config);
            return config;
        }
    }

    private static EventBusOptions eventBusOptions(ClusterOptions options) {
        // Port 0: several members on one host each get a free port; Hazelcast tells the others which.
        EventBusOptions bus = new EventBusOptions().setPort(0);
        if (options.networkInterface().matches("[0-9.:a-fA-F]+")) {
            bus.setHost(options.networkInterface());
        } // else a pattern such as 10.0.0.*: Vert.x takes the address Hazelcast bound to
        if (options.tls() != null) {
            PfxOptions store = new PfxOptions().setPath(options.tls().keyStore().toString())
                    .setPassword(options.tls().password());
            bus.setSsl(true).setKeyCertOptions(store).setTrustOptions(store);
        }
        return bus;
    }
}
