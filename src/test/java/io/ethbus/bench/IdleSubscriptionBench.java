package io.ethbus.bench;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.provider.ConnectionOptions;
import io.ethbus.provider.WebSocketProvider;
import io.vertx.core.Vertx;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Idle cost of a subscription (not a test): holds a newHeads subscription on a WebSocket
 * while no block is mined, and prints the CPU the whole client process used, as a share of
 * one core; then, for scale, the CPU of a thread that waits for the same notifications by
 * polling a queue (the busy-wait that keeps a core at 100%).
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.IdleSubscriptionBench -Dexec.args=60</pre>
 */
public final class IdleSubscriptionBench {
    private IdleSubscriptionBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target", "bench")))) {
            Vertx vertx = Vertx.vertx();
            WebSocketProvider ws = new WebSocketProvider(vertx, ConnectionOptions.of(chain.wsUrl()));
            AtomicLong heads = new AtomicLong();
            ws.subscribe("newHeads", null, h -> heads.incrementAndGet()).toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            Thread.sleep(2_000); // let start-up work (JIT, class loading) settle before measuring

            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            Thread.sleep(seconds * 1_000L);
            double idleShare = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);

            ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] busyCpu = new long[1];
            long busyWall0 = System.nanoTime();
            Thread busy = new Thread(() -> {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(seconds, 5));
                while (System.nanoTime() < until) {
                    if (queue.poll() != null) {
                        heads.incrementAndGet();
                    }
                }
                busyCpu[0] = threads.getCurrentThreadCpuTime();
            }, "busy-wait");
            busy.start();
            busy.join();
            double busyShare = busyCpu[0] / (double) (System.nanoTime() - busyWall0);

            System.out.printf("idle newHeads subscription, %d s, no blocks: process CPU %.3f%% of one core%n",
                    seconds, idleShare * 100);
            System.out.printf("busy-waiting queue poll, same wait:          thread CPU %.1f%% of one core%n",
                    busyShare * 100);
            System.out.printf("ratio idle/busy-wait: %.5f (heads received while idle: %d)%n",
                    idleShare / busyShare, heads.get());
            ws.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
