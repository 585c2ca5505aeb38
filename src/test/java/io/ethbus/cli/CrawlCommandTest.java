package io.ethbus.cli;

import io.ethbus.devchain.DevChain;
import io.ethbus.testsupport.AnvilExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AnvilExtension.class)
class CrawlCommandTest {
    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    private static Path newDir(String name) throws IOException {
        Path dir = AnvilExtension.workDir().resolve("crawl-cli-tests");
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, name);
    }

    @Test
    void dryPrintsThePlanAndWritesNothing(DevChain chain) throws IOException {
        Path out = newDir("dry").resolve("out");
        CommandRun run = run("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:", "--out", out.toString(), "--dry",
                "--chunk-size", "5", "--format", "csv");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("plan: blocks 0:"), run.out());
        assertTrue(run.out().contains("blocks__00000000_to_00000004.csv") || run.out().contains("blocks__00000000_to_0000000"), run.out());
        assertTrue(run.out().contains("transaction_hash"), run.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void demoWithoutRpcSeedsAndCrawls() throws IOException {
        Path out = newDir("demo");
        CommandRun run = run("crawl", "--out", out.toString(), "--format", "jsonl", "--demo-blocks", "20");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("crawled blocks 0:"), run.out());
        assertTrue(run.out().contains("logs"), run.out());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(4, files.filter(p -> p.toString().endsWith(".jsonl")).count());
        }
        assertTrue(Files.isDirectory(out.resolve(".ethbus")));
    }

    @Test
    void badInputIsAUsageErrorWithAClearMessage() {
        CommandRun range = run("crawl", "--blocks", "10:5", "--dry");
        assertEquals(2, range.exitCode());
        assertTrue(range.err().contains("start 10 is after end 5"), range.err());
        CommandRun dataset = run("crawl", "--datasets", "blocks,uncles", "--dry");
        assertEquals(2, dataset.exitCode());
        assertTrue(dataset.err().contains("unknown dataset 'uncles'"), dataset.err());
        CommandRun format = run("crawl", "--format", "xlsx", "--dry");
        assertEquals(2, format.exitCode());
        assertTrue(format.err().contains("unknown format 'xlsx'"), format.err());
        assertEquals(2, run("crawl", "--concurrency", "lots", "--dry").exitCode());
        assertEquals(2, run("crawl", "--chunk-size", "0", "--dry").exitCode());
        CommandRun cluster = run("crawl", "--cluster", "--dry");
        assertEquals(2, cluster.exitCode());
        assertTrue(cluster.err().contains("--cluster needs --rpc"), cluster.err());
        CommandRun buffer = run("crawl", "--follow", "--reorg-buffer", "-1", "--dry");
        assertEquals(2, buffer.exitCode());
        assertTrue(buffer.err().contains("--reorg-buffer must not be negative"), buffer.err());
    }

    @Test
    void badUsageIsExitTwoWithOneLine() {
        List<String[]> bad = List.of(
                new String[]{"crawl", "--rpc", "not-a-url", "--dry"},
                new String[]{"crawl", "--rpc", "ftp://x", "--dry"},
                new String[]{"crawl", "--rpc", "http://bad host/", "--dry"},
                new String[]{"crawl", "--rpc", "ftp://x"},
                new String[]{"crawl", "--chunk-size", "big", "--dry"},
                new String[]{"crawl", "--max-rps", "fast", "--dry"},
                new String[]{"crawl", "--max-rps", "0", "--dry"},
                new String[]{"crawl", "--blocks", "a:b", "--dry"},
                new String[]{"crawl", "--concurrency", "lots", "--dry"},
                new String[]{"crawl", "--datasets", "traces", "--trace-api", "parity", "--dry"});
        for (String[] args : bad) {
            CommandRun run = run(args);
            String what = String.join(" ", args) + " -> " + run.err();
            assertEquals(2, run.exitCode(), what);
            assertTrue(run.err().startsWith("ethbus: "), what);
            assertEquals(1, run.err().strip().lines().count(), what);
        }
        assertTrue(run("crawl", "--rpc", "ftp://x", "--dry").err().contains("must be http or https: ftp://x"));
        assertTrue(run("crawl", "--trace-api", "parity", "--dry").err().contains("--trace-api must be debug or trace, got 'parity'"));
    }

    @Test
    void crawlsAThousandsOfBlocksChainWithinASmallHeap(DevChain chain) throws Exception {
        // the shared chain only grows by empty blocks here, which the other tests allow
        Path out = newDir("heap");
        java.net.http.HttpResponse<String> mined = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(chain.httpUrl()))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"anvil_mine\",\"params\":[\"0xbb8\"]}"))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(mined.body().contains("result"), mined.body());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process crawl = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                EthbusCommand.class.getName(), "crawl", "--rpc", chain.httpUrl(), "--blocks", "0:2999",
                "--out", out.toString(), "--format", "parquet")
                .redirectErrorStream(true).redirectOutput(out.resolve("..").resolve(out.getFileName() + ".log").toFile())
                .start();
        boolean ended = crawl.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            crawl.destroyForcibly();
        }
        String log = Files.readString(out.resolve("..").resolve(out.getFileName() + ".log"));
        assertTrue(ended, "crawl did not finish within 60 s: " + log);
        assertEquals(0, crawl.exitValue(), log);
        assertTrue(Files.isRegularFile(out.resolve("blocks__00002000_to_00002999.parquet")), log);
    }
}
