package io.ethbus.cli;

import io.ethbus.devchain.DevChain;
import io.ethbus.testsupport.AnvilExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private static Path newDir(String name) throws IOException {
        Path dir = AnvilExtension.workDir().resolve("crawl-cli-tests");
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, name);
    }

    @Test
    void dryPrintsThePlanAndWritesNothing(DevChain chain) throws IOException {
        Path out = newDir("dry").resolve("out");
        CommandRun run = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:", "--out", out.toString(), "--dry",
                "--chunk-size", "5", "--format", "csv");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("plan: blocks 0:"), run.out());
        assertTrue(run.out().contains("blocks__00000000_to_00000004.csv") || run.out().contains("blocks__00000000_to_0000000"), run.out());
        assertTrue(run.out().contains("transaction_hash"), run.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void dryTellsTheChunksWhoseFilesAreThereFromThoseToWrite(DevChain chain) throws IOException {
        Path out = newDir("dry-partly").resolve("out");
        mine(chain, 20); // the chain's head depends on the tests before: make sure blocks 0..19 are there
        CommandRun first = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:9", "--out", out.toString(),
                "--chunk-size", "5", "--format", "jsonl", "--datasets", "blocks,transactions");
        assertEquals(0, first.exitCode(), first.err());
        List<Path> before;
        try (Stream<Path> files = Files.list(out)) {
            before = files.sorted().toList();
        }

        CommandRun dry = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:19", "--out", out.toString(), "--dry",
                "--chunk-size", "5", "--format", "jsonl", "--datasets", "blocks,transactions");
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("chunks: 2 recorded in " + out.toAbsolutePath().normalize() + " (files) (skipped), 2 to write"),
                dry.out());
        assertTrue(dry.out().contains("recorded, skipped: blocks 0..9 (2 chunks)"), dry.out());
        assertTrue(dry.out().contains("to write: blocks 10..19 (2 chunks)"), dry.out());

        // another dataset's files are not there: every chunk is to write for it
        CommandRun withLogs = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:19", "--out", out.toString(),
                "--dry", "--chunk-size", "5", "--format", "jsonl", "--datasets", "blocks,logs");
        assertTrue(withLogs.out().contains("to write: blocks 0..19 (4 chunks)"), withLogs.out());
        CommandRun overwrite = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:19", "--out", out.toString(),
                "--dry", "--overwrite", "--chunk-size", "5", "--format", "jsonl", "--datasets", "blocks,transactions");
        assertTrue(overwrite.out().contains("to write over what is recorded: blocks 0..9 (2 chunks)"), overwrite.out());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(before, files.sorted().toList(), "a dry run changes no file");
        }
    }

    private static void mine(DevChain chain, int blocks) throws IOException {
        HttpRequest mine = HttpRequest.newBuilder(URI.create(chain.httpUrl())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"anvil_mine\",\"params\":[\"0x"
                        + Integer.toHexString(blocks) + "\"]}")).build();
        try {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(mine, HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.body().contains("\"result\""), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void demoWithoutRpcSeedsAndCrawls() throws IOException {
        Path out = newDir("demo");
        CommandRun run = CommandRun.of("crawl", "--out", out.toString(), "--format", "jsonl", "--demo-blocks", "20");
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
        CommandRun range = CommandRun.of("crawl", "--blocks", "10:5", "--dry");
        assertEquals(2, range.exitCode());
        assertTrue(range.err().contains("start 10 is after end 5"), range.err());
        CommandRun dataset = CommandRun.of("crawl", "--datasets", "blocks,uncles", "--dry");
        assertEquals(2, dataset.exitCode());
        assertTrue(dataset.err().contains("unknown dataset 'uncles'"), dataset.err());
        CommandRun format = CommandRun.of("crawl", "--format", "xlsx", "--dry");
        assertEquals(2, format.exitCode());
        assertTrue(format.err().contains("unknown format 'xlsx'"), format.err());
        assertEquals(2, CommandRun.of("crawl", "--concurrency", "lots", "--dry").exitCode());
        assertEquals(2, CommandRun.of("crawl", "--chunk-size", "0", "--dry").exitCode());
        CommandRun cluster = CommandRun.of("crawl", "--cluster", "--dry");
        assertEquals(2, cluster.exitCode());
        assertTrue(cluster.err().contains("--cluster needs --rpc"), cluster.err());
        CommandRun buffer = CommandRun.of("crawl", "--follow", "--reorg-buffer", "-1", "--dry");
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
            CommandRun run = CommandRun.of(args);
            String what = String.join(" ", args) + " -> " + run.err();
            assertEquals(2, run.exitCode(), what);
            assertTrue(run.err().startsWith("ethbus: "), what);
            assertEquals(1, run.err().strip().lines().count(), what);
        }
        assertTrue(CommandRun.of("crawl", "--rpc", "ftp://x", "--dry").err().contains("must be http or https: ftp://x"));
        assertTrue(CommandRun.of("crawl", "--trace-api", "parity", "--dry").err().contains("--trace-api must be debug or trace, got 'parity'"));
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
