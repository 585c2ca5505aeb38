package io.ethbus.cluster;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hex;
import io.ethbus.eth.LogFilter;
import io.ethbus.client.EthClient;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.ChildJvm;
import io.ethbus.testsupport.LocalCluster;
import io.ethbus.testsupport.LogFlood;
import io.ethbus.testsupport.Mined;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 64 MiB+ eth_getLogs answer crosses a two-member cluster: a node member (child JVM) serves
 * it from its own anvil, a client member (another child JVM, heap capped at twice the
 * payload) reads it as a {@code ReplyStream}. The bytes it got hash the same as anvil's own
 * answer; neither member reports a blocked thread.
 */
class LargeReplyClusterTest {
    static final long TARGET_BYTES = 64L * 1024 * 1024;
    static final int LOGS_PER_TX = 19_900; // 1,500 gas a log: just under anvil's 30M-gas block
    static final Pattern RESULT = Pattern.compile(Pattern.quote(LargeReplyReceiver.RESULT)
            + ": bytes=(\\d+) sha256=(\\w+) seconds=([\\d.]+) peakHeap=(\\d+) maxHeap=(\\d+) chunks=(\\d+)");

    @Test
    void a64MiBAnswerCrossesTheClusterIntactWithinTwiceItsSizeInHeap() throws Exception {
        try (DevChain chain = DevChain.start(DevChainOptions.in(AnvilExtension.workDir().resolve("large-reply-chain")));
             AnvilConnection anvil = AnvilConnection.open(chain)) {
            EthClient direct = EthClient.direct(anvil.provider());
            Address alice = result(direct.eth().accounts()).get(0);
            Address contract = LogFlood.deploy(direct, alice);
            long first = -1;
            long last = -1;
            int logs = 0;
            JsonObject request = null;
            Buffer answer = null;
            // Enough transactions for the answer to pass 64 MiB, measured rather than guessed.
            while (answer == null || answer.length() < TARGET_BYTES) {
                String tx = LogFlood.flood(direct, alice, contract, LOGS_PER_TX).toHex();
                long block = Hex.toLong(Mined.receipt(direct, tx).get("blockNumber").asText());
                first = first < 0 ? block : first;
                last = block;
                logs += LOGS_PER_TX;
                if ((long) logs * 560 >= TARGET_BYTES) {
                    request = getLogs(contract, first, last);
                    answer = post(anvil, chain, request);
                }
            }
            String expectedSha = sha256(answer.getBytes());
            long payload = answer.length();
            answer = null; // the test JVM does not need it any more
            long receiverHeapMiB = 2 * payload / (1024 * 1024);
            System.out.printf("[large-reply] %d logs in blocks %d..%d: %d bytes from anvil directly%n", logs, first, last, payload);

            JsonObject config = new JsonObject()
                    .put("defaultDeadlineMs", 120_000)
                    .put("endpoints", new JsonObject().put("anvil", new JsonObject()
                            .put("url", chain.httpUrl())
                            .put("requestTimeoutMs", 120_000)
                            // As anvil wrote it: no EIP-55 rewriting, no cached copy held by the node.
                            .put("middleware", new JsonObject()
                                    .put("validation", new JsonObject().put("enabled", false))
                                    .put("simpleCache", false))));
            ClusterOptions options = LocalCluster.freshOptions();
            try (LocalCluster cluster = LocalCluster.startMembersOnly("large-reply", 1, config, options, List.of("-Xmx1g"));
                 ChildJvm receiver = ChildJvm.start("large-reply-receiver", LargeReplyReceiver.class.getName(),
                         withHeap(LocalCluster.memberProperties(options), receiverHeapMiB),
                         List.of("anvil", request.getJsonArray("params").getJsonObject(0).encode()))) {
                Matcher m = receiver.awaitLine(RESULT, Duration.ofSeconds(300));
                long bytes = Long.parseLong(m.group(1));
                long peakHeap = Long.parseLong(m.group(4));
                System.out.printf("[large-reply] receiver got %d bytes in %s chunks in %s s; heap peak %d bytes (%.2f x payload),"
                                + " max heap %d; sha256 %s%n", bytes, m.group(6), m.group(3), peakHeap, (double) peakHeap / payload,
                        Long.parseLong(m.group(5)), m.group(2));
                assertEquals(payload, bytes);
                assertEquals(expectedSha, m.group(2), "the receiver got anvil's bytes");
                assertTrue(peakHeap <= 2 * payload, "receiver heap peak " + peakHeap + " > 2 x " + payload);
                for (ChildJvm jvm : List.of(cluster.members().get(0), receiver)) {
                    String output = Files.readString(jvm.log());
                    assertFalse(output.contains("has been blocked"), jvm.name() + " reported a blocked thread:\n" + jvm.tail());
                }
            }
        }
    }

    static JsonObject getLogs(Address contract, long from, long to) {
        LogFilter filter = LogFilter.builder().address(contract).fromBlock(BlockId.number(from)).toBlock(BlockId.number(to)).build();
        return new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "eth_getLogs")
                .put("params", new JsonArray().add(new JsonObject(filter.toJson().toString())));
    }

    static Buffer post(AnvilConnection anvil, DevChain chain, JsonObject request) {
        return result(anvil.vertx().createHttpClient().request(HttpMethod.POST, chain.port(), "127.0.0.1", "/")
                .compose(r -> r.putHeader("content-type", "application/json").send(Buffer.buffer(request.encode())))
                .compose(HttpClientResponse::body), 120);
    }

    static List<String> withHeap(List<String> properties, long heapMiB) {
        List<String> args = new java.util.ArrayList<>(properties);
        args.add("-Xmx" + heapMiB + "m"); // after ChildJvm's own -Xmx, so this one counts
        return args;
    }

    static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
