package io.ethbus.cluster;

import io.ethbus.client.EthClient;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A JVM that tries to join the cluster of the {@code ethbus.cluster.*} properties (the right
 * name, but whatever secret it is given, or none), then tries what a member can do: read the
 * cluster map {@code args[0]} at key {@code args[1]} and ask the endpoint {@code args[2]} for
 * its chain id. Prints one line {@value #RESULT} with the members it sees, the value it read
 * and the outcome of the call, then exits.
 */
public final class ClusterIntruder {
    public static final String RESULT = "intruder done";

    private ClusterIntruder() {
    }

    public static void main(String[] args) throws Exception {
        ClusterMember member = ClusteredVertx.start(ClusterOptions.fromEnvironment())
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        int members = member.memberIds().size();
        Object value = member.vertx().sharedData().getClusterWideMap(args[0])
                .compose(map -> map.get(args[1]))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        String rpc;
        try {
            rpc = "answered " + EthClient.overEventBus(member.vertx(), args[2], Duration.ofSeconds(3)).eth().chainId()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            rpc = "failed " + e.getCause();
        }
        System.out.printf("%s: members=%d value=%s rpc=%s%n", RESULT, members, value, rpc);
        member.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        System.exit(0);
    }
}
