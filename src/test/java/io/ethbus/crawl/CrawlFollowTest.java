package io.ethbus.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.primitives.Hex;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.Forks;
import io.ethbus.testsupport.JsonlRows;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --follow on a chain that grows and reorganises while it is crawled. A crawl that stays
 * four blocks behind the head never writes the blocks a three-block reorg replaces; the
 * same crawl without a buffer does, and then stops: the next blocks do not link to its files.
 */
class CrawlFollowTest {
    private static final int BUFFER = 4;
    private static final int ORPHANS = 3;

    @Test
    void aReorgShallowerThanTheBufferNeverReachesTheFiles() throws Exception {
        Path work = Files.createDirectories(AnvilExtension.workDir().resolve("crawl-follow"));
        Vertx vertx = Vertx.vertx();
        try (DevChain chain = DevChain.start(DevChainOptions.in(work))) {
            HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
            RpcCaller caller = new RpcCaller(provider);
            GrowingChain.mine(caller, 20);
            Path safeDir = Files.createTempDirectory(work, "safe");
            Path bareDir = Files.createTempDirectory(work, "bare");
            // one block per file, so that only the buffer holds the crawl back from the tip
            Crawler safe = follower(vertx, caller, safeDir, BUFFER);
            Crawler bare = follower(vertx, caller, bareDir, 0);
            Future<CrawlSummary> safeRun = safe.run();
            Future<CrawlSummary> bareRun = bare.run();
            GrowingChain.mineOneByOne(caller, 10);
            GrowingChain.Branch branch = GrowingChain.branchToOrphan(chain, caller, ORPHANS);
            long forkPoint = branch.forkPoint();
            // the bare crawl reaches the blocks about to be orphaned: the crawls follow the tip
            waitForFile(bareDir, forkPoint + ORPHANS);
            Forks.revertAndFork(caller, branch.snapshot(), 6);
            GrowingChain.mineOneByOne(caller, 5);
            long last = GrowingChain.head(caller) - BUFFER;
            waitForFile(safeDir, last);
            Await.until("the bare crawl to meet the new branch", bareRun::isComplete, 20);
            safe.stop();
            bare.stop();
            CrawlSummary summary = Await.result(safeRun, 30);
            Throwable bareEnd = Await.failure(bareRun);
            assertTrue(bareEnd instanceof CrawlException && bareEnd.getMessage().contains("the chain changed under the crawl"),
                    "without a buffer the crawl finds the new branch does not link to its files: " + bareEnd);

            List<JsonNode> rows = JsonlRows.read(safeDir, "blocks__");
            assertEquals(last + 1, rows.size(), "every block once, up to the buffer: " + summary.range());
            for (int n = 0; n <= last; n++) {
                assertEquals(n, rows.get(n).get("block_number").asLong());
                assertEquals(GrowingChain.canonicalHash(caller, n), rows.get(n).get("block_hash").asText(), "block " + n);
            }
            long orphaned = 0;
            for (JsonNode row : JsonlRows.read(bareDir, "blocks__")) {
                if (!GrowingChain.canonicalHash(caller, row.get("block_number").asLong()).equals(row.get("block_hash").asText())) {
                    orphaned++;
                }
            }
            assertTrue(orphaned > 0, "without a buffer the orphaned blocks reach the files");
            provider.close();
        } finally {
            Await.result(vertx.close());
        }
    }

    private static Crawler follower(Vertx vertx, RpcCaller caller, Path dir, int buffer) {
        CrawlOptions options = CrawlOptions.of(dir, BlockRangeSpec.parse("0:"), List.of(Dataset.BLOCKS), OutputFormat.JSONL)
                .withChunkSize(1)
                .withFollow(true, buffer, Duration.ofMillis(40));
        return new Crawler(vertx, caller, options, p -> { });
    }




    private static void waitForFile(Path dir, long block) {
        Path file = dir.resolve(new Chunk(block, block).fileStem(Dataset.BLOCKS) + ".jsonl");
        Await.until("the file of block " + block, () -> Files.exists(file), 20);
    }
}
