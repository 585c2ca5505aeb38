package io.ethbus.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.ChildJvm;
import io.ethbus.testsupport.JsonlRows;
import io.ethbus.testsupport.LocalCluster;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three {@code ethbus crawl --cluster} members in child JVMs crawl one range into one
 * directory; one is killed (kill -9) in the middle. The other two take over its chunks: every
 * chunk file exists once, none is missing, and the rows are the chain's.
 */
class CrawlClusterTest {
    private static final int LAST_BLOCK = 239;
    private static final int CHUNK = 10;
    /** Slow enough that all three members are at work when one is killed. */
    private static final int MAX_RPS = 12;
    private static final Pattern JOINED = Pattern.compile("joined cluster as member (\\S+)");
    private static final Pattern CRAWLING = Pattern.compile("ethbus crawl: [1-9]\\d*/\\d+ blocks");

    @Test
    void aKilledMembersChunksAreTakenOverAndEveryChunkIsWrittenOnce() throws Exception {
        Path work = Files.createDirectories(AnvilExtension.workDir().resolve("crawl-cluster"));
        Vertx vertx = Vertx.vertx();
        List<ChildJvm> members = new ArrayList<>();
        try (DevChain chain = DevChain.start(DevChainOptions.in(work))) {
            HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
            RpcCaller caller = new RpcCaller(provider);
            long txs = GrowingChain.seedUpTo(chain, caller, 12, LAST_BLOCK);
            assertTrue(txs > 20, "the chain has transactions: " + txs);

            Path out = Files.createTempDirectory(work, "out");
            List<String> jvmArgs = LocalCluster.memberProperties(LocalCluster.freshOptions());
            for (int i = 1; i <= 3; i++) {
                members.add(ChildJvm.start("crawl-member-" + i, "io.ethbus.cli.EthbusCommand", jvmArgs,
                        List.of("crawl", "--cluster", "--rpc", chain.httpUrl(), "--blocks", "0:" + LAST_BLOCK,
                                "--datasets", "blocks,transactions", "--format", "jsonl", "--chunk-size", "" + CHUNK,
                                "--max-rps", "" + MAX_RPS, "--concurrency", "1", "--batch-size", "2",
                                "--lease-seconds", "3", "--out", out.toString())));
            }
            for (ChildJvm m : members) {
                m.awaitLine(CRAWLING, Duration.ofSeconds(120));
            }
            // a member at work, not one that already finished (a slow machine can start one late)
            ChildJvm victim = members.stream().filter(m -> m.isAlive() && !m.tail().contains("crawled blocks"))
                    .findFirst().orElseThrow(() -> new AssertionError("every member finished before one could be killed"));
            victim.kill();
            List<ChildJvm> survivors = members.stream().filter(m -> m != victim).toList();
            for (ChildJvm m : survivors) {
                m.awaitLine(Pattern.compile("crawled blocks 0:" + LAST_BLOCK), Duration.ofSeconds(120));
            }
            for (ChildJvm m : survivors) {
                Await.until(m.name() + " to exit", () -> !m.isAlive(), 30);
            }
            assertTrue(!victim.tail().contains("crawled blocks"), "the killed member did not finish: " + victim.tail());

            for (Dataset d : List.of(Dataset.BLOCKS, Dataset.TRANSACTIONS)) {
                List<String> expected = new ArrayList<>();
                for (long first = 0; first <= LAST_BLOCK; first += CHUNK) {
                    expected.add(new Chunk(first, first + CHUNK - 1).fileStem(d) + ".jsonl");
                }
                assertEquals(expected, files(out, d.wireName() + "__"), d + ": every chunk once, nothing else");
            }
            List<JsonNode> blocks = JsonlRows.read(out, "blocks__");
            assertEquals(LAST_BLOCK + 1, blocks.size());
            for (int n = 0; n <= LAST_BLOCK; n++) {
                assertEquals(n, blocks.get(n).get("block_number").asLong());
            }
            assertEquals(txs, JsonlRows.read(out, "transactions__").size());
            String victimId = victim.awaitLine(JOINED, Duration.ofSeconds(1)).group(1);
            try (Stream<Path> left = Files.list(out)) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".tmp") && !n.contains(victimId)).toList(),
                        "temporary files are left by the killed member only");
            }
            provider.close();
        } finally {
            members.forEach(ChildJvm::close);
            Await.result(vertx.close());
        }
    }

    private static List<String> files(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }
}
