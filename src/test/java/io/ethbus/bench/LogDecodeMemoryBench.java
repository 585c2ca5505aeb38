package io.ethbus.bench;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hex;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;
import io.ethbus.client.EthClient;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.testsupport.ChildJvm;
import io.ethbus.testsupport.LogFlood;
import io.ethbus.testsupport.Mined;
import io.vertx.core.Vertx;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.http.HttpService;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.ref.Reference;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ethbus.testsupport.Await.result;

/**
 * Heap needed to decode one large eth_getLogs answer into records: ethbus
 * ({@code eth().getLogs} over {@link HttpProvider}) against web3j 4.13.0
 * ({@code ethGetLogs().send()}), on the same anvil and the same filter. Seeds the logs with
 * {@link LogFlood} (about 20,000 a transaction), then decodes once per library, each in a
 * fresh child JVM with the same {@code -Xmx} and serial GC: the child warms up on an empty
 * range, collects, resets the heap pools' peaks, decodes, and reports the sum of the heap
 * pools' peaks (garbage included), the largest heap in use after a collection during the
 * decode ({@link LiveHeap}) and the heap still used by the result after the library has shut
 * down and a collection. Then
 * each library runs again up a ladder of smaller heaps, to find the smallest {@code -Xmx} at
 * which it still decodes the answer. Not a test: run it by hand, see README.
 *
 * <pre>java -cp ... io.ethbus.bench.LogDecodeMemoryBench [logs=200000] [xmx=2g] [ladder=128m,160m,...]</pre>
 */
public final class LogDecodeMemoryBench {
    static final String RESULT = "decoded";
    static final Pattern LINE = Pattern.compile(RESULT + ": logs=(\\d+) peakHeap=(\\d+) retainedHeap=(\\d+) seconds=([\\d.]+) liveAtGc=(\\d+)");
    static final Pattern OOM = Pattern.compile("OutOfMemoryError|PayloadTooLarge");
    private static final int LOGS_PER_TX = 19_900; // 1,500 gas a log: just under anvil's 30M-gas block

    private LogDecodeMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4]), args[5]);
            return;
        }
        int logs = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String xmx = args.length > 1 ? args[1] : "2g";
        List<String> ladder = List.of((args.length > 2 ? args[2] : "128m,160m,192m,224m,256m,320m,384m,512m").split(","));
        Vertx vertx = Vertx.vertx();
        try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target", "bench-logdecode")))) {
            HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
            EthClient client = EthClient.direct(provider);
            Address alice = result(client.eth().accounts()).get(0);
            Address contract = LogFlood.deploy(client, alice);
            long first = -1;
            long last = -1;
            for (int seeded = 0; seeded < logs; seeded += LOGS_PER_TX) {
                String tx = LogFlood.flood(client, alice, contract, Math.min(LOGS_PER_TX, logs - seeded)).toHex();
                last = Hex.toLong(Mined.receipt(client, tx).get("blockNumber").asText());
                first = first < 0 ? last : first;
            }
            result(provider.close());
            long payload = payloadBytes(chain.httpUrl(), first, last, contract);
            System.out.printf("eth_getLogs answer: %d logs in blocks %d..%d, %.1f MiB of JSON%n",
                    logs, first, last, payload / 1048576.0);
            Matcher ethbus = run("ethbus", xmx, chain.httpUrl(), first, last, contract);
            Matcher web3j = run("web3j", xmx, chain.httpUrl(), first, last, contract);
            report(xmx, payload, ethbus, web3j);
            String ethbusLeast = least("ethbus", ladder, chain.httpUrl(), first, last, contract);
            String web3jLeast = least("web3j", ladder, chain.httpUrl(), first, last, contract);
            System.out.printf("smallest -Xmx of %s that decodes: ethbus %s, web3j 4.13.0 %s%n", ladder, ethbusLeast, web3jLeast);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Matcher run(String library, String xmx, String url, long first, long last, Address contract) {
        List<String> args = List.of("child", library, url, Long.toString(first), Long.toString(last), contract.toHex());
        try (ChildJvm child = ChildJvm.start("logdecode-" + library + "-" + xmx, LogDecodeMemoryBench.class.getName(),
                // A full collection of the serial GC may leave up to 5% of the old generation
                // as dead objects it did not bother to compact away, counted as used; a ratio
                // of 0 makes the heap used after System.gc() the live data only.
                List.of("-Xmx" + xmx, "-Xms" + xmx, "-XX:MarkSweepDeadRatio=0"), args)) {
            Pattern either = Pattern.compile(LINE.pattern() + "|" + OOM.pattern());
            Matcher m = child.awaitLine(either, Duration.ofMinutes(5));
            return m.group(1) == null ? null : m;
        } catch (AssertionError | RuntimeException e) {
            System.out.println(library + " at -Xmx" + xmx + " did not finish: " + e.getMessage().lines().findFirst().orElse(""));
            return null;
        }
    }

    /** The first heap size of the ladder at which {@code library} decodes the answer. */
    private static String least(String library, List<String> ladder, String url, long first, long last, Address contract) {
        for (String heap : ladder) {
            if (run(library, heap, url, first, last, contract) != null) {
                return heap;
            }
        }
        return "none";
    }

    private static void report(String xmx, long payload, Matcher ethbus, Matcher web3j) {
        System.out.printf("-Xmx%s:%n", xmx);
        for (var entry : List.of(new Object[] {"ethbus", ethbus}, new Object[] {"web3j 4.13.0", web3j})) {
            Matcher m = (Matcher) entry[1];
            if (m == null) {
                System.out.printf("  %-13s out of memory%n", entry[0]);
            } else {
                long peak = Long.parseLong(m.group(2));
                long retained = Long.parseLong(m.group(3));
                long live = Long.parseLong(m.group(5));
                // With a large young generation a decode may run without any collection: then
                // there is no live-after-GC figure, rather than a misleading zero.
                String liveText = live == 0 ? "no collection during the decode"
                        : String.format("live after GC at most %.1f MiB (%.2f x payload)", live / 1048576.0, (double) live / payload);
                System.out.printf("  %-13s logs %s in %s s; heap pools' peak %.1f MiB (%.2f x payload), %s,"
                                + " result retained %.1f MiB (%.2f x payload)%n",
                        entry[0], m.group(1), m.group(4), peak / 1048576.0, (double) peak / payload, liveText,
                        retained / 1048576.0, (double) retained / payload);
            }
        }
        if (ethbus != null && web3j != null) {
            double ethbusLive = Double.parseDouble(ethbus.group(5));
            double web3jLive = Double.parseDouble(web3j.group(5));
            System.out.printf("  ethbus / web3j: pools' peak %.2f, live after GC %s, retained %.2f%n",
                    Double.parseDouble(ethbus.group(2)) / Double.parseDouble(web3j.group(2)),
                    ethbusLive > 0 && web3jLive > 0 ? String.format("%.2f", ethbusLive / web3jLive) : "n/a",
                    Double.parseDouble(ethbus.group(3)) / Double.parseDouble(web3j.group(3)));
        }
    }

    /** The size of anvil's answer, counted as it streams past. */
    private static long payloadBytes(String url, long first, long last, Address contract) throws Exception {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getLogs\",\"params\":[" + filter(first, last, contract).toJson() + "]}";
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        long n = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
                n += r;
            }
        }
        return n;
    }

    private static LogFilter filter(long first, long last, Address contract) {
        return LogFilter.builder().fromBlock(BlockId.number(first)).toBlock(BlockId.number(last)).address(contract).build();
    }

    /** In the child JVM: one decode by {@code library}, measured. */
    private static void child(String library, String url, long first, long last, String contract) throws Exception {
        Decoder decoder = library.equals("ethbus") ? new EthbusDecoder(url) : new Web3jDecoder(url);
        decoder.decode(first - 1, first - 1, contract); // the deploy block, no logs: loads the classes
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        LiveHeap live = LiveHeap.watch();
        long t0 = System.nanoTime();
        List<?> logs = decoder.decode(first, last, contract);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long livePeak = live.max();
        // Shut the library down first: an event-loop thread may still hold the answer for a
        // moment after handing over the result, which made this figure vary by a whole body.
        decoder.close();
        System.gc();
        long retained = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        System.out.printf("%s: logs=%d peakHeap=%d retainedHeap=%d seconds=%.2f liveAtGc=%d%n", RESULT, logs.size(), peak, retained,
                seconds, livePeak);
        Reference.reachabilityFence(logs);
        System.exit(0);
    }

    private interface Decoder {
        List<?> decode(long first, long last, String contract) throws Exception;

        void close() throws Exception;
    }

    private static final class EthbusDecoder implements Decoder {
        private final Vertx vertx = Vertx.vertx();
        private final HttpProvider provider;
        private final EthClient client;

        EthbusDecoder(String url) {
            provider = new HttpProvider(vertx, HttpProviderOptions.builder(url).requestTimeout(Duration.ofMinutes(3))
                    .maxResponseBytes(1L << 30).build());
            client = EthClient.direct(provider);
        }

        @Override
        public List<Log> decode(long first, long last, String contract) {
            return result(client.eth().getLogs(filter(first, last, Address.of(contract))), 180);
        }

        @Override
        public void close() throws Exception {
            result(provider.close());
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static final class Web3jDecoder implements Decoder {
        private final Web3j web3j;

        Web3jDecoder(String url) {
            OkHttpClient http = new OkHttpClient.Builder().readTimeout(3, TimeUnit.MINUTES).build();
            web3j = Web3j.build(new HttpService(url, http));
        }

        @Override
        public List<EthLog.LogResult> decode(long first, long last, String contract) throws Exception {
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(first)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(last)), contract);
            EthLog answer = web3j.ethGetLogs(filter).send();
            if (answer.hasError()) {
                throw new IllegalStateException(answer.getError().getMessage());
            }
            return new ArrayList<>(answer.getLogs());
        }

        @Override
        public void close() {
            web3j.shutdown();
        }
    }
}
