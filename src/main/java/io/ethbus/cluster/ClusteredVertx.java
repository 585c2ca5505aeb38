package io.ethbus.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.XmlConfigBuilder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PfxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Starts a clustered Vert.x from the Hazelcast file of {@link ClusterOptions} (built-in copy of {@code conf/cluster.xml}): Hazelcast with TCP-IP join
 * (multicast off) bound to the configured interface only, every Hazelcast connection proving
 * the shared secret ({@link MemberHandshake}) when one is set, and the event bus bound to the
 * same interface with mutual TLS when asked. A cluster that would listen beyond loopback
 * without both a secret and event-bus TLS is refused ({@link ClusterStartException}).
 *
 * <pre>ClusteredVertx.start(ClusterOptions.fromEnvironment()).onSuccess(member -&gt; ...);</pre>
 */
public final class ClusteredVertx {
    private static final System.Logger LOG = System.getLogger(ClusteredVertx.class.getName());
    /** The member attribute vertx-hazelcast reads the Vert.x node id from. */
    private static final String VERTX_NODE_ID = "__vertx.nodeId";

    private ClusteredVertx() {
    }

    /** Joins the cluster described by {@code options} with default Vert.x options. */
    public static Future<ClusterMember> start(ClusterOptions options) {
        return start(options, new VertxOptions());
    }

    /** Joins the cluster described by {@code options}; event-bus settings of {@code vertxOptions} are replaced. */
    public static Future<ClusterMember> start(ClusterOptions options, VertxOptions vertxOptions) {
        List<String> missing = options.missingCredentials();
        if (!missing.isEmpty()) {
            return Future.failedFuture(new ClusterStartException("ethbus.cluster.interface=" + options.networkInterface()
                    + " listens beyond loopback: refusing to start the cluster without " + String.join(" and ", missing), null));
        }
        Config config;
        try {
            config = hazelcastConfig(options);
        } catch (IOException | RuntimeException e) {
            return Future.failedFuture(new ClusterStartException(
                    "cannot read cluster configuration " + options.configSource() + ": " + e.getMessage(), e));
        }
        // Whatever the file says: the configured interface only, never *:5701.
        config.setProperty("hazelcast.socket.bind.any", "false");
        Future<HazelcastClusterManager> manager;
        if (options.secret() == null) {
            LOG.log(System.Logger.Level.WARNING, "cluster ''{0}'' has no shared secret: any process on this machine"
                    + " that knows its name can join it (set ethbus.cluster.secret.file)", options.name());
            manager = Future.succeededFuture(new HazelcastClusterManager(config));
        } else {
            manager = startWithHandshake(config, options);
        }
        VertxOptions withBus = new VertxOptions(vertxOptions).setEventBusOptions(eventBusOptions(options));
        return manager.compose(m -> Vertx.builder().with(withBus).withClusterManager(m).buildClustered()
                        .map(vertx -> new ClusterMember(vertx, m))
                        .onFailure(e -> ClusterMember.shutdownHazelcast(m)))
                .recover(e -> Future.failedFuture(e instanceof ClusterStartException ? e
                        : new ClusterStartException("cannot join cluster '" + options.name()
                        + "' via " + options.members() + ": " + e.getMessage(), e)));
    }

    /**
     * Hazelcast started here rather than by the cluster manager, so that its connections run
     * the handshake; on a thread of its own, since joining blocks for seconds.
     */
    private static Future<HazelcastClusterManager> startWithHandshake(Config config, ClusterOptions options) {
        byte[] secret;
        try {
            secret = options.secret().bytes();
        } catch (ClusterStartException e) {
            return Future.failedFuture(e);
        }
        MemberHandshake handshake = new MemberHandshake(secret, config.getClusterName());
        Arrays.fill(secret, (byte) 0);
        // what HazelcastClusterManager sets on a Hazelcast it starts itself
        config.getMemberAttributeConfig().setAttribute(VERTX_NODE_ID, UUID.randomUUID().toString());
        CompletableFuture<HazelcastClusterManager> started = new CompletableFuture<>();
        Thread joining = new Thread(() -> {
            try {
                started.complete(new HazelcastClusterManager(HandshakeNodeExtension.start(config, handshake)));
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
            }
        }, "ethbus-cluster-join");
        joining.setDaemon(true);
        joining.start();
        return Future.fromCompletionStage(started);
    }

    /** The Hazelcast configuration: the XML file with its placeholders filled from {@code options}, plus the rate budget's serializers. */
    public static Config hazelcastConfig(ClusterOptions options) throws IOException {
        try (InputStream in = options.openConfig()) {
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
            // Mutual TLS: each side presents its member certificate and accepts only those of the trust store.
            ClusterOptions.EventBusTls tls = options.tls();
            bus.setSsl(true).setClientAuth(ClientAuth.REQUIRED).setTrustAll(false)
                    .setKeyCertOptions(new PfxOptions().setPath(tls.keyStore().toString()).setPassword(tls.password()))
                    .setTrustOptions(new PfxOptions().setPath(tls.trustStore().toString()).setPassword(tls.trustPassword()));
        }
        return bus;
    }
}
