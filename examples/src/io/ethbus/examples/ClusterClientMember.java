package io.ethbus.examples;

import io.ethbus.cluster.ClusterMember;
import io.ethbus.cluster.ClusterOptions;
import io.ethbus.cluster.ClusteredVertx;
import io.ethbus.cluster.MemberFailoverMiddleware;
import io.ethbus.client.EthClient;
import io.vertx.core.Future;

import java.time.Duration;

/**
 * A client-only member: joins the cluster of {@code conf/cluster.xml} without serving any
 * endpoint, asks the node verticles of the other members for the head block and the chain
 * id, prints them and leaves. Reads survive the death of the member serving them.
 *
 * <pre>
 * bin/ethbus node --cluster &amp;                        # one or more members, anywhere in the cluster
 * java -cp ... io.ethbus.examples.ClusterClientMember mainnet
 * </pre>
 * Cluster settings as for {@code ethbus node}: {@code -Dethbus.cluster.members=...} and so on.
 */
public final class ClusterClientMember {
    private ClusterClientMember() {
    }

    public static void main(String[] args) throws Exception {
        String endpoint = args.length > 0 ? args[0] : "default";
        ClusterMember member = ClusteredVertx.start(ClusterOptions.fromEnvironment())
                .toCompletionStage().toCompletableFuture().get();
        try {
            System.out.println(ask(member, endpoint).toCompletionStage().toCompletableFuture().get());
        } finally {
            member.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /** "head N on chain C via <endpoint>", asked through the cluster. */
    public static Future<String> ask(ClusterMember member, String endpoint) {
        EthClient client = EthClient.overEventBus(member.vertx(), endpoint, Duration.ofSeconds(10));
        client.middlewareOnion().add(new MemberFailoverMiddleware(member.vertx(), Duration.ofSeconds(1), 3), "member-failover");
        return Future.all(client.eth().blockNumber(), client.eth().chainId())
                .map(both -> "head " + both.resultAt(0) + " on chain " + both.resultAt(1) + " via " + endpoint);
    }
}
