package io.ethbus.bench;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.BlockId;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCall;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthGetBlockReceipts;
import org.web3j.protocol.Service;
import org.web3j.protocol.websocket.events.Notification;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The clients' reading of one batch answer, alone: the same recorded bytes (blocks with their
 * transactions and the blocks' receipts, as the crawl asks for them) decoded again and again
 * in one thread, by ethbus ({@link JsonRpcCodec#decodeBatch} and each call's typed reader, the
 * work {@code Batch.send} does once the body is in) and by web3j ({@code Service.sendBatch}
 * over a service that answers with the recorded bytes: its tree, then a response object per
 * item). No network, no event loop: the thread's CPU time per batch, each client in turn
 * within every round, so that the machine's other load falls on both. Not a test:
 *
 * <pre>java -cp ... io.ethbus.bench.BatchDecodeBench --blocks 12 --txs 100 --rounds 10</pre>
 *
 * Options: {@code --blocks N} per batch (12), {@code --txs N} per block (100), {@code --rounds N} (10),
 * {@code --decodes N} per client and round (100), {@code --only ethbus|web3j} (one client
 * alone for {@code rounds x decodes} batches and no figures: for a profiler).
 */
public final class BatchDecodeBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private BatchDecodeBench() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = 12, txs = 100, rounds = 10, decodes = 100;
        String only = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--only")) {
                only = args[i + 1];
                continue;
            }
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--blocks" -> blocks = v;
                case "--txs" -> txs = v;
                case "--rounds" -> rounds = v;
                case "--decodes" -> decodes = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        byte[] body;
        List<RpcRequest> requests = new ArrayList<>();
        List<RpcCall<?>> calls = new ArrayList<>();
        long id = 1;
        for (long n = 1; n <= blocks; n++) {
            RpcCall<?> block = EthCalls.getBlockByNumber(BlockId.number(n), true);
            RpcCall<?> receipts = EthCalls.getBlockReceipts(BlockId.number(n));
            calls.add(block);
            requests.add(new RpcRequest(id++, block.method(), block.params()));
            calls.add(receipts);
            requests.add(new RpcRequest(id++, receipts.method(), receipts.params()));
        }
        try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target", "bench-decode")))) {
            new BenchChainSeeder(chain.httpUrl(), chain.accounts()).seed(blocks, txs, true);
            HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(chain.httpUrl()))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JsonRpcCodec.encodeBatch(requests))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            body = answer.body();
        }
        System.out.printf("one batch answer: %d blocks x %d transactions and their receipts, %,d bytes%n",
                blocks, txs, body.length);

        Web3j web3j = Web3j.build(new RecordedService(body));
        BatchRequest[] web3jBatch = new BatchRequest[1];
        Decode ethbus = () -> {
            List<RpcResponse> responses = JsonRpcCodec.decodeBatch(body, requests, "bench");
            long items = 0;
            for (int i = 0; i < responses.size(); i++) {
                Object value = calls.get(i).read(responses.get(i), "bench");
                items += ((Optional<?>) value).map(v -> v instanceof List<?> l ? l.size() : 1).orElseThrow();
            }
            return items;
        };
        int perBatch = blocks;
        Decode w3 = () -> {
            BatchRequest batch = web3j.newBatch();
            for (long n = 1; n <= perBatch; n++) {
                DefaultBlockParameter p = DefaultBlockParameter.valueOf(BigInteger.valueOf(n));
                batch.add(web3j.ethGetBlockByNumber(p, true));
                batch.add(web3j.ethGetBlockReceipts(p));
            }
            BatchResponse responses = batch.send();
            long items = 0;
            for (Response<?> r : responses.getResponses()) {
                if (r instanceof EthBlock b) {
                    items += 1;
                } else if (r instanceof EthGetBlockReceipts br) {
                    items += br.getBlockReceipts().orElseThrow().size();
                }
            }
            return items;
        };
        long expected = blocks + (long) blocks * txs;
        if (only != null) {
            // one client alone, for a profiler: no figures
            Decode alone = only.equals("ethbus") ? ethbus : w3;
            for (long i = 0; i < (long) rounds * decodes; i++) {
                check(alone.run(), expected, only);
            }
            return;
        }
        // warm-up (JIT) of both, not measured
        for (int i = 0; i < 3 * decodes; i++) {
            check(ethbus.run(), expected, "ethbus");
            check(w3.run(), expected, "web3j");
        }
        double[] ethbusMs = new double[rounds];
        double[] web3jMs = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            boolean ethbusFirst = r % 2 == 0;
            double a = ethbusFirst ? perDecode(ethbus, decodes, expected, "ethbus") : 0;
            double b = perDecode(w3, decodes, expected, "web3j");
            if (!ethbusFirst) {
                a = perDecode(ethbus, decodes, expected, "ethbus");
            }
            ethbusMs[r] = a;
            web3jMs[r] = b;
            ratios[r] = a / b;
            System.out.printf("round %2d: ethbus %.2f ms, web3j %.2f ms of CPU per batch, ratio %.3f%n", r + 1, a, b, a / b);
        }
        System.out.printf("median: ethbus %.2f ms, web3j %.2f ms per batch; median ratio ethbus / web3j %.3f, least / least %.3f%n",
                Median.of(ethbusMs), Median.of(web3jMs), Median.of(ratios), min(ethbusMs) / min(web3jMs));
        web3j.shutdown();
    }

    private interface Decode {
        long run() throws Exception;
    }

    private static double perDecode(Decode decode, int times, long expected, String name) throws Exception {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < times; i++) {
            check(decode.run(), expected, name);
        }
        return (THREADS.getCurrentThreadCpuTime() - t0) / 1e6 / times;
    }

    private static void check(long items, long expected, String name) {
        if (items != expected) {
            throw new IllegalStateException(name + " read " + items + " blocks and receipts, expected " + expected);
        }
    }

    private static double min(double[] values) {
        double m = Double.MAX_VALUE;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** web3j's own batch path over an answer recorded beforehand. */
    private static final class RecordedService extends Service {
        private final byte[] body;

        RecordedService(byte[] body) {
            super(false);
            this.body = body;
        }

        @Override
        protected InputStream performIO(String payload) {
            return new ByteArrayInputStream(body);
        }

        @Override
        public <T extends Notification<?>> io.reactivex.Flowable<T> subscribe(
                org.web3j.protocol.core.Request request, String unsubscribeMethod, Class<T> responseType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
