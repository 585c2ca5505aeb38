package io.ethbus.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.client.EthClient;
import io.ethbus.bus.ReplyStream;
import io.ethbus.rpc.JsonRpcCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client-only cluster member in a JVM of its own, for the large-reply test: joins the
 * cluster of the {@code ethbus.cluster.*} properties, asks endpoint {@code args[0]} for
 * {@code eth_getLogs(args[1])} as a {@link ReplyStream}, hashes the bytes as they arrive and
 * prints one line {@value #RESULT} with the byte count, SHA-256, seconds and the heap's peak
 * (sum of the heap pools' peaks since a GC just before the call), then exits.
 */
public final class LargeReplyReceiver {
    public static final String RESULT = "large-reply received";

    private LargeReplyReceiver() {
    }

    public static void main(String[] args) throws Exception {
        JsonNode filter = JsonRpcCodec.mapper().readTree(args[1]);
        ClusterMember member = ClusteredVertx.start(ClusterOptions.fromEnvironment())
                .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        EthClient client = EthClient.overEventBus(member.vertx(), args[0], Duration.ofSeconds(120));
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long[] bytes = {0};
        long t0 = System.nanoTime();
        ReplyStream[] stream = {null};
        Future<Void> received = ask(member.vertx(), client, filter, 20).compose(s -> {
            stream[0] = s;
            Promise<Void> done = Promise.promise();
            s.exceptionHandler(done::tryFail).endHandler(done::tryComplete).handler(chunk -> {
                sha.update(chunk.getBytes());
                bytes[0] += chunk.length();
            });
            return done.future();
        });
        received.toCompletionStage().toCompletableFuture().get(300, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%s: bytes=%d sha256=%s seconds=%.2f peakHeap=%d maxHeap=%d chunks=%d%n", RESULT, bytes[0],
                HexFormat.of().formatHex(sha.digest()), seconds, peak, Runtime.getRuntime().maxMemory(), stream[0].chunks());
        member.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        System.exit(0);
    }

    /** The call, asked again while the cluster has not yet told this member where the endpoint is served. */
    private static Future<ReplyStream> ask(Vertx vertx, EthClient client, JsonNode filter, int attempts) {
        return client.streamReply("eth_getLogs", filter).recover(e -> {
            boolean noHandler = e.getCause() instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS;
            if (!noHandler || attempts <= 1) {
                return Future.failedFuture(e);
            }
            return vertx.timer(500).compose(v -> ask(vertx, client, filter, attempts - 1));
        });
    }
}
