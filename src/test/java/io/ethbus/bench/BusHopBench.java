package io.ethbus.bench;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.client.EthClient;
import io.ethbus.node.NodeVerticle;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.LocalCluster;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the event-bus hop costs (not a test). Starts its own anvil, then runs
 * {@code eth_getBalance} with {@value #IN_FLIGHT} calls in flight for a fixed time through
 * <ol>
 *   <li>direct: an {@link EthClient} over an {@link HttpProvider};</li>
 *   <li>local bus: {@link NodeVerticle} (one instance per event loop, as {@link NodeVerticle#deploy(Vertx, JsonObject)}
 *       deploys it) and {@link EthClient#overEventBus} in this JVM;</li>
 *   <li>cluster: this JVM a client-only member, a child JVM ({@code ethbus node --cluster
 *       --instances 2}) the node member;</li>
 *   <li>web3j: {@code sendAsync} over its OkHttp HttpService;</li>
 * </ol>
 * each after a warm-up as long (the cluster's twice as long: the member JVM is fresh), and prints calls/s, the CPU this JVM used per call
 * (the client's), the node member's per call (cluster only, the child's process CPU) and
 * anvil's, then the ratios the bus-hop issue sets as targets. The child classpath is this
 * JVM's, so run it with {@code java -cp}, not {@code exec:java}:
 *
 * <pre>mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.ethbus.bench.BusHopBench 10 3</pre>
 *
 * Arguments: seconds per phase (10), rounds of all four phases (3; with more than one, the
 * medians of each figure over the rounds and their ratios close the output), and {@code local}
 * to run only the direct and local bus phases (to profile the hop without the cluster's JVM).
 * {@code -Dbushop.middleware=JSON} sets the node endpoint's {@code middleware} object, e.g.
 * {@code '{"metrics":false,"retry":false,"simpleCache":false,"validation":false}'} for a node
 * onion with no layer: what the layers cost, apart from the bus; {@code -Dbushop.instances=N}
 * the node verticle's instances (default: one per event loop, so the caller's loop has one).
 */
public final class BusHopBench {
    private static final int IN_FLIGHT = 64;
    private static final String ENDPOINT = "bench";

    /** One measured phase; {@code memberCpuNanos} is 0 where no other JVM serves. */
    private record Phase(Measurement measurement, long memberCpuNanos) {
        double callsPerSecond() {
            return measurement.callsPerSecond();
        }

        double clientMicrosPerCall() {
            return measurement.clientCpuNanos() / 1e3 / measurement.load().calls();
        }

        double memberMicrosPerCall() {
            return memberCpuNanos / 1e3 / measurement.load().calls();
        }

        double nodeMicrosPerCall() {
            return measurement.nodeCpuNanos() / 1e3 / measurement.load().calls();
        }

        String line() {
            return String.format("%-10s %8d calls %7.0f calls/s  client CPU %6.1f us/call  member CPU %6.1f us/call  anvil CPU %6.1f us/call",
                    measurement.client(), measurement.load().calls(), callsPerSecond(), clientMicrosPerCall(),
                    memberMicrosPerCall(), nodeMicrosPerCall());
        }
    }

    private final Duration phase;
    private final int rounds;
    private final boolean localOnly;

    private BusHopBench(Duration phase, int rounds, boolean localOnly) {
        this.phase = phase;
        this.rounds = rounds;
        this.localOnly = localOnly;
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean localOnly = args.length > 2 && args[2].equals("local");
        if (seconds < 1 || rounds < 1 || args.length > 3 || (args.length > 2 && !localOnly)) {
            throw new IllegalArgumentException("usage: BusHopBench [seconds per phase >= 1] [rounds >= 1] [local]");
        }
        new BusHopBench(Duration.ofSeconds(seconds), rounds, localOnly).run();
        System.exit(0); // the cluster member's and web3j's non-daemon threads
    }

    private void run() throws Exception {
        System.out.printf("bus hop bench: eth_getBalance, %d in flight, %d s per phase after %d s warm-up, %d round(s), %d cores, JVM %s%n",
                IN_FLIGHT, phase.toSeconds(), warmUp().toSeconds(), rounds, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target", "bench-bushop")))) {
            ProcessHandle anvil = ProcessHandle.current().children()
                    .filter(p -> p.info().command().orElse("").contains("anvil")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("anvil is not a child of this JVM"));
            Address account = Address.of(chain.accounts().get(1));
            JsonObject endpoint = new JsonObject().put("url", chain.httpUrl());
            String middleware = System.getProperty("bushop.middleware");
            if (middleware != null) {
                endpoint.put("middleware", new JsonObject(middleware));
                System.out.println("node middleware: " + middleware);
            }
            JsonObject config = new JsonObject().put("endpoints", new JsonObject().put(ENDPOINT, endpoint));
            Vertx vertx = Vertx.vertx();
            HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
            Await.result(NodeVerticle.deploy(vertx, config, Integer.getInteger("bushop.instances", VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)), 30);
            EthClient direct = EthClient.direct(provider);
            EthClient localBus = EthClient.overEventBus(vertx, ENDPOINT);
            BigInteger expected = Await.result(direct.eth().getBalance(account, BlockId.LATEST), 30);
            PhaseMeter meter = new PhaseMeter(anvil);
            if (localOnly) {
                try {
                    localRounds(vertx, direct, localBus, account, expected, meter);
                } finally {
                    provider.close();
                    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
                return;
            }
            try (LocalCluster cluster = LocalCluster.start("bushop-bench", 1, config, LocalCluster.freshOptions(),
                    List.of("-XX:TieredStopAtLevel=4"))) { // a long-running member: full JIT, as in production
                ProcessHandle member = ProcessHandle.of(cluster.members().get(0).pid()).orElseThrow();
                Vertx clientMember = cluster.client().vertx();
                EthClient clustered = EthClient.overEventBus(clientMember, ENDPOINT);
                List<Phase[]> results = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    System.out.printf("round %d%n", round);
                    Phase d = ethbus("direct", vertx, direct, account, expected, meter, null, warmUp());
                    Phase l = ethbus("local bus", vertx, localBus, account, expected, meter, null, warmUp());
                    Phase c = ethbus("cluster", clientMember, clustered, account, expected, meter, member,
                            round == 1 ? warmUp().multipliedBy(2) : warmUp());
                    Phase w = web3j(chain.httpUrl(), account, expected, meter);
                    ratios(d.clientMicrosPerCall(), l.clientMicrosPerCall(), d.callsPerSecond(), l.callsPerSecond(),
                            c.callsPerSecond(), w.callsPerSecond(), c.clientMicrosPerCall() + c.memberMicrosPerCall(),
                            w.clientMicrosPerCall());
                    results.add(new Phase[] {d, l, c, w});
                }
                if (rounds > 1) {
                    summary(results);
                }
            } finally {
                provider.close();
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Only the direct and local bus phases, round after round, each round's CPU ratio, then the medians. */
    private void localRounds(Vertx vertx, EthClient direct, EthClient localBus, Address account, BigInteger expected,
                             PhaseMeter meter) throws Exception {
        double[][] cpu = new double[2][rounds];
        for (int round = 0; round < rounds; round++) {
            System.out.printf("round %d%n", round + 1);
            cpu[0][round] = ethbus("direct", vertx, direct, account, expected, meter, null, warmUp()).clientMicrosPerCall();
            cpu[1][round] = ethbus("local bus", vertx, localBus, account, expected, meter, null, warmUp()).clientMicrosPerCall();
            System.out.printf("local bus / direct: CPU per call %.2fx%n", cpu[1][round] / cpu[0][round]);
        }
        System.out.printf("median of %d rounds: direct %.1f us/call, local bus %.1f us/call, CPU per call %.2fx (target <= 1.25)%n",
                rounds, median(cpu[0]), median(cpu[1]), median(cpu[1]) / median(cpu[0]));
    }

    /** Medians over the rounds, phase by phase, and the ratios of the medians: the machine is shared and noisy. */
    private static void summary(List<Phase[]> results) {
        System.out.printf("median of %d rounds%n", results.size());
        String[] names = {"direct", "local bus", "cluster", "web3j"};
        double[][] m = new double[names.length][];
        for (int i = 0; i < names.length; i++) {
            int phase = i;
            m[i] = new double[] {
                    median(results.stream().mapToDouble(r -> r[phase].callsPerSecond()).toArray()),
                    median(results.stream().mapToDouble(r -> r[phase].clientMicrosPerCall()).toArray()),
                    median(results.stream().mapToDouble(r -> r[phase].memberMicrosPerCall()).toArray())};
            System.out.printf("%-10s %7.0f calls/s  client CPU %6.1f us/call  member CPU %6.1f us/call%n",
                    names[i], m[i][0], m[i][1], m[i][2]);
        }
        ratios(m[0][1], m[1][1], m[0][0], m[1][0], m[2][0], m[3][0], m[2][1] + m[2][2], m[3][1]);
    }

    private static void ratios(double directCpu, double busCpu, double directRate, double busRate, double clusterRate,
                               double web3jRate, double clusterCpu, double web3jCpu) {
        System.out.printf("local bus / direct: CPU per call %.2fx (target <= 1.25), calls/s %.2fx (target >= 0.8)%n",
                busCpu / directCpu, busRate / directRate);
        System.out.printf("cluster / web3j: calls/s %.2fx (target >= 1.0); cluster client+member CPU per call %.1f us, web3j %.1f us%n",
                clusterRate / web3jRate, clusterCpu, web3jCpu);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** As long as a phase: on two busy cores the JIT needs that long before a path costs what it will. */
    private Duration warmUp() {
        return phase;
    }

    /** A warm-up, then one measured phase of {@code client} driven from a context of {@code vertx}. */
    private Phase ethbus(String name, Vertx vertx, EthClient client, Address account, BigInteger expected,
                         PhaseMeter meter, ProcessHandle member, Duration warmUp) throws Exception {
        loop(vertx, client, account, expected, warmUp);
        long member0 = cpuNanos(member);
        Measurement m = meter.measure(name, IN_FLIGHT + " in flight", () -> calls(loop(vertx, client, account, expected, phase)));
        Phase p = new Phase(m, cpuNanos(member) - member0);
        System.out.println(p.line());
        return p;
    }

    private static long loop(Vertx vertx, EthClient client, Address account, BigInteger expected, Duration time) {
        Future<Integer> done = InFlightLoop.runFor(vertx, time, IN_FLIGHT, i -> client.eth().getBalance(account, BlockId.LATEST)
                .map(balance -> check(balance, expected)));
        return Await.result(done, time.toSeconds() + 60);
    }

    private Phase web3j(String url, Address account, BigInteger expected, PhaseMeter meter) throws Exception {
        // a pool as large as the calls in flight, so that OkHttp does not close and reopen connections
        OkHttpClient okHttp = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(IN_FLIGHT, 5, TimeUnit.MINUTES))
                .readTimeout(60, TimeUnit.SECONDS)
                .build();
        Web3j web3j = Web3j.build(new HttpService(url, okHttp));
        try {
            web3jLoop(web3j, account.toChecksumHex(), expected, warmUp());
            Measurement m = meter.measure("web3j", IN_FLIGHT + " in flight",
                    () -> calls(web3jLoop(web3j, account.toChecksumHex(), expected, phase)));
            Phase p = new Phase(m, 0);
            System.out.println(p.line());
            return p;
        } finally {
            web3j.shutdown();
            okHttp.dispatcher().executorService().shutdown();
            okHttp.connectionPool().evictAll();
        }
    }

    /** {@value #IN_FLIGHT} lanes of sendAsync, each sending its next call when its last one is answered. */
    private static long web3jLoop(Web3j web3j, String account, BigInteger expected, Duration time) throws Exception {
        long end = System.nanoTime() + time.toNanos();
        AtomicLong calls = new AtomicLong();
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        for (int i = 0; i < IN_FLIGHT; i++) {
            lanes.add(web3jLane(web3j, account, expected, end, calls));
        }
        CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).get(time.toSeconds() + 60, TimeUnit.SECONDS);
        return calls.get();
    }

    private static CompletableFuture<Void> web3jLane(Web3j web3j, String account, BigInteger expected, long end, AtomicLong calls) {
        if (System.nanoTime() >= end) {
            return CompletableFuture.completedFuture(null);
        }
        return web3j.ethGetBalance(account, DefaultBlockParameterName.LATEST).sendAsync().thenCompose(r -> {
            if (r.hasError()) {
                throw new IllegalStateException("web3j call failed: " + r.getError().getMessage());
            }
            check(r.getBalance(), expected);
            calls.incrementAndGet();
            return web3jLane(web3j, account, expected, end, calls);
        });
    }

    private static BigInteger check(BigInteger balance, BigInteger expected) {
        if (!balance.equals(expected)) {
            throw new IllegalStateException("balance " + balance + ", expected " + expected);
        }
        return balance;
    }

    private static Load calls(long calls) {
        return new Load(0, 0, 0, calls, calls, 0);
    }

    private static long cpuNanos(ProcessHandle process) {
        return process == null ? 0 : process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
