package io.ethbus.bench;

import io.ethbus.testsupport.Await;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

import java.time.Duration;
import java.util.function.IntFunction;

/**
 * What Vert.x itself charges for an event-bus round trip between event loops, with no ethbus
 * code on the path: the floor under {@link BusHopBench}'s local bus phase. Two phases, 64 calls
 * in flight as there, each call lasting {@value #DELAY_MILLIS} ms so that the rate is near the
 * hop's (about 25,000 calls/s):
 * <ul>
 *   <li>in place: the call is a timer on the caller's event loop;</li>
 *   <li>over the bus: the call is a request of a 100-byte {@link Buffer} to a consumer
 *       (2 verticle instances, as the node's) that sets the same timer and replies 80 bytes.</li>
 * </ul>
 * The difference of their process CPU per call is the bus round trip. Usage:
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.ethbus.bench.BusFloorBench 10 3}
 * (seconds per phase, rounds).
 */
public final class BusFloorBench {
    private static final int IN_FLIGHT = 64;
    private static final long DELAY_MILLIS = 2;
    private static final String ADDRESS = "bench.floor";

    /** The consumer of the bus phase: replies after the same delay as the in-place phase. */
    public static final class Echo extends AbstractVerticle {
        private static final Buffer REPLY = Buffer.buffer(new byte[80]);

        @Override
        public void start() {
            vertx.eventBus().<Buffer>consumer(ADDRESS, m -> vertx.setTimer(DELAY_MILLIS, t -> m.reply(REPLY)));
        }
    }

    private BusFloorBench() {
    }

    public static void main(String[] args) {
        Duration phase = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 10);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Vertx vertx = Vertx.vertx();
        try {
            Await.result(vertx.deployVerticle(Echo::new, new DeploymentOptions().setInstances(2)));
            Buffer request = Buffer.buffer(new byte[100]);
            IntFunction<Future<?>> inPlace = i -> {
                Promise<Void> done = Promise.promise();
                vertx.setTimer(DELAY_MILLIS, t -> done.complete());
                return done.future();
            };
            IntFunction<Future<?>> overTheBus = i -> vertx.eventBus().request(ADDRESS, request);
            double[] place = new double[rounds];
            double[] bus = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                place[round] = phase(vertx, "in place", inPlace, phase);
                bus[round] = phase(vertx, "over the bus", overTheBus, phase);
                System.out.printf("round %d: the bus round trip costs %.1f us of CPU per call%n", round + 1, bus[round] - place[round]);
            }
            System.out.printf("median of %d rounds: in place %.1f us/call, over the bus %.1f us/call: the round trip %.1f us%n",
                    rounds, Median.of(place), Median.of(bus), Median.of(bus) - Median.of(place));
        } finally {
            Await.result(vertx.close());
        }
    }

    /** A warm-up, then one measured phase; the process's CPU per call in µs. */
    private static double phase(Vertx vertx, String name, IntFunction<Future<?>> call, Duration time) {
        run(vertx, call, time);
        long cpu0 = cpuNanos();
        long start = System.nanoTime();
        int calls = run(vertx, call, time);
        double seconds = (System.nanoTime() - start) / 1e9;
        double micros = (cpuNanos() - cpu0) / 1e3 / calls;
        System.out.printf("%-12s %,9.0f calls/s  %6.1f us CPU/call%n", name, calls / seconds, micros);
        return micros;
    }

    private static int run(Vertx vertx, IntFunction<Future<?>> call, Duration time) {
        return Await.result(InFlightLoop.runFor(vertx, time, IN_FLIGHT, call), time.toSeconds() + 60);
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
