package io.ethbus.crawl;

import io.ethbus.devchain.DemoChainSeeder;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.primitives.Hex;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.JsonRpcFaultProxy;
import io.ethbus.testsupport.JsonRpcFaultProxy.Fault;
import io.ethbus.testsupport.JsonlRows;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answers that are well-formed JSON-RPC but not the ones asked for, from a proxy in front of
 * a seeded anvil: each is retried and the files come out exactly as a clean crawl writes them;
 * a mismatch that persists ends the crawl with an error that names it, and nothing of it is written.
 */
class CrawlIntegrityTest {
    /** The datasets of blocks and receipts (the trace datasets have tests of their own). */
    private static final List<Dataset> ALL = List.of(Dataset.BLOCKS, Dataset.TRANSACTIONS, Dataset.RECEIPTS, Dataset.LOGS);
    private static DevChain chain;
    private static Vertx vertx;
    private static HttpProvider provider;
    private static RpcCaller caller;
    private static Path reference;

    @BeforeAll
    static void seed() throws IOException {
        chain = DevChain.start(DevChainOptions.in(AnvilExtension.workDir()));
        vertx = Vertx.vertx();
        provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        caller = new RpcCaller(provider);
        Await.result(new DemoChainSeeder(caller, chain.accounts()).seed(12, 2, 2), 60);
        reference = newDir("reference");
        Await.result(new Crawler(vertx, caller, options(reference), p -> { }).run(), 60);
    }

    @AfterAll
    static void stop() {
        Await.result(vertx.close());
        chain.close();
    }

    private static Path newDir(String name) throws IOException {
        Path dir = AnvilExtension.workDir().resolve("crawl-integrity");
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, name);
    }

    /**
     * JSONL, chunks of 10, batches of 4 blocks: request 1 asks for the head, request 2 for block 0 alone (the
     * probe that measures what a block costs), request 3 for blocks 1..4, request 4 for 5..8.
     */
    private static CrawlOptions options(Path dir) {
        return CrawlOptions.of(dir, BlockRangeSpec.parse("0:"), ALL, OutputFormat.JSONL).withChunkSize(10).withBatchSize(4);
    }

    private static CrawlOptions blocksOnly(Path dir) {
        return CrawlOptions.of(dir, BlockRangeSpec.parse("0:"), List.of(Dataset.BLOCKS), OutputFormat.JSONL)
                .withChunkSize(10).withBatchSize(4);
    }

    /** Crawls through a proxy that applies {@code fault} to requests {@code first}..{@code last}. */
    private static CrawlSummary crawlThrough(Path dir, CrawlOptions options, Fault fault, int first, int last) {
        try (JsonRpcFaultProxy proxy = new JsonRpcFaultProxy(vertx, chain.port())) {
            HttpProvider viaProxy = new HttpProvider(vertx, HttpProviderOptions.of(proxy.url()));
            try {
                proxy.fault(fault, first, last);
                return Await.result(new Crawler(vertx, new RpcCaller(viaProxy), options, p -> { }).run(), 60);
            } finally {
                Await.result(viaProxy.close());
            }
        }
    }

    /** The chunk files of a directory by name, with their text. */
    private static Map<String, String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .collect(Collectors.toMap(p -> p.getFileName().toString(), p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }, (a, b) -> a, TreeMap::new));
        }
    }

    /** The crawl recovers from {@code fault} on the batch of blocks 4..7 and writes what a clean crawl writes. */
    private static void recovers(Fault fault) throws IOException {
        Path dir = newDir(fault.name().toLowerCase());
        CrawlSummary s = crawlThrough(dir, options(dir), fault, 3, 3);
        assertTrue(s.retries() >= 1, "the misanswered batch was asked again: " + s);
        Map<String, String> expected = files(reference);
        assertTrue(expected.size() >= 8, "reference files: " + expected.keySet());
        assertEquals(expected, files(dir), "every file as a clean crawl writes it");
    }

    @Test
    void receiptsOfAnotherBlockAreReadAgainNotWritten() throws IOException {
        recovers(Fault.OTHER_BLOCK_RECEIPTS);
    }

    @Test
    void receiptAnswersWithSwappedIdsAreReadAgainNotWritten() throws IOException {
        recovers(Fault.SWAP_RECEIPT_IDS);
    }

    @Test
    void aBlockWithoutItsNumberIsReadAgainNotWrittenWithNulls() throws IOException {
        recovers(Fault.DROP_NUMBER);
    }

    @Test
    void aNullBlockTheHeadSaysExistsIsReadAgain() throws IOException {
        recovers(Fault.NULL_BLOCK);
    }

    @Test
    void aSingleBadHashIsReadAgainNotTakenForAReorg() throws IOException {
        // the hash of block 4, the last of its batch: only block 5, in another batch, can contradict it
        recovers(Fault.CORRUPT_HASH);
    }

    @Test
    void aBadHashFoundOnlyByTheNextBlocksParentIsReadAgainNotTakenForAReorg() throws IOException {
        // blocks only: no transaction object repeats the block's hash, so only the chain links can
        // catch it, and the run is read again before anything is taken for a reorganisation
        Path clean = newDir("blocks-only-reference");
        Await.result(new Crawler(vertx, caller, blocksOnly(clean), p -> { }).run(), 60);
        Path dir = newDir("blocks-only-corrupt-hash");
        CrawlSummary s = crawlThrough(dir, blocksOnly(dir), Fault.CORRUPT_HASH, 3, 3);
        assertTrue(s.retries() >= 1, "the run that did not link was asked again: " + s);
        assertEquals(files(clean), files(dir), "every file as a clean crawl writes it");
    }

    @Test
    void aFailedFirstBlockNumberIsRetried() throws IOException {
        Path dir = newDir("head");
        CrawlSummary s = crawlThrough(dir, options(dir), Fault.UNAVAILABLE, 1, 1);
        assertEquals(files(reference), files(dir));
        assertTrue(s.retries() >= 1, "counted as a retry: " + s);
    }

    @Test
    void aMismatchThatPersistsFailsNamingTheBlockAndFieldAndWritesNothing() throws IOException {
        Path dir = newDir("persistent");
        CrawlOptions o = options(dir);
        CrawlOptions oneRetry = new CrawlOptions(o.outDir(), o.blocks(), o.datasets(), o.format(), o.chunkSize(),
                1, o.batchSize(), o.maxRps(), false, 1, o.maxBatchBytes(), o.receiptSource(), o.progressEvery(),
                false, 0, o.pollEvery());
        Throwable e;
        try (JsonRpcFaultProxy proxy = new JsonRpcFaultProxy(vertx, chain.port())) {
            HttpProvider viaProxy = new HttpProvider(vertx, HttpProviderOptions.of(proxy.url()));
            try {
                proxy.fault(Fault.SWAP_RECEIPT_IDS, 2, Integer.MAX_VALUE);
                e = Await.failure(new Crawler(vertx, new RpcCaller(viaProxy), oneRetry, p -> { }).run());
            } finally {
                Await.result(viaProxy.close());
            }
        }
        String m = e.getMessage();
        assertTrue(e instanceof CrawlException, e.toString());
        // which check speaks first depends on which blocks' receipts were swapped (the seeded blocks differ in
        // how many transactions they pack): a receipt of another block, or an empty array for a block with some
        assertTrue(m.contains("after 2 attempts") && m.contains("block "), m);
        assertTrue(m.contains("blockHash") && m.contains("expected") && m.contains("got")
                || m.matches("(?s).*block \\d+ has \\d+ transactions but \\d+ receipts.*"), m);
        // the chunk of the failed blocks has no file and nothing is left half-written; another chunk whose
        // swapped answers were alike (two empty blocks) may have been written, and then only as the reference has it
        Matcher failed = Pattern.compile("blocks (\\d+)\\.\\.(\\d+) failed").matcher(m);
        assertTrue(failed.find(), m);
        long firstFailed = Long.parseLong(failed.group(1));
        Map<String, String> reference = files(CrawlIntegrityTest.reference);
        files(dir).forEach((name, text) -> {
            assertFalse(name.startsWith("."), "no temporary file: " + name);
            Matcher range = Pattern.compile("__(\\d+)_to_(\\d+)\\.").matcher(name);
            assertTrue(range.find(), name);
            assertFalse(Long.parseLong(range.group(1)) <= firstFailed && firstFailed <= Long.parseLong(range.group(2)),
                    "no file holds the failed blocks: " + name);
            assertEquals(reference.get(name), text, "a chunk written is the one a clean crawl writes: " + name);
        });
    }

    @Test
    void temporaryFilesOfWritersThatAreGoneAreDeletedAndOthersKept() throws Exception {
        Path dir = newDir("stray");
        // a real process that ended: its id and start time name a writer that is gone
        Process killed = new ProcessBuilder("sleep", "60").start();
        WriterName dead;
        try {
            dead = new WriterName("killed", WriterName.current("x").boot(), killed.pid(),
                    killed.info().startInstant().orElseThrow().toEpochMilli());
        } finally {
            killed.destroyForcibly();
            assertTrue(killed.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
        }
        WriterName self = WriterName.current("live");
        WriterName reused = new WriterName("reused", self.boot(), self.pid(), self.startMillis() - 60_000);
        String otherBoot = self.boot().equals("fedcba98") ? "01234567" : "fedcba98";
        WriterName elsewhere = new WriterName("elsewhere", otherBoot, killed.pid(), 1);
        ChunkFile f = new ChunkFile(dir, new Chunk(0, 9), Dataset.LOGS, OutputFormat.JSONL);
        for (WriterName w : List.of(dead, self, reused, elsewhere)) {
            Files.writeString(f.tempPath(w.text()), "{\"partial\":");
        }

        crawlThrough(dir, options(dir), Fault.NONE, 1, 0);
        Map<String, String> expected = new TreeMap<>(files(reference));
        expected.put(f.tempPath(self.text()).getFileName().toString(), "{\"partial\":");
        expected.put(f.tempPath(elsewhere.text()).getFileName().toString(), "{\"partial\":");
        assertEquals(expected, files(dir), "the files of the process that ended, and of the one whose id was "
                + "reused, are deleted; those of this live process and of another machine's are kept");
    }

    @Test
    void aRerunAfterTheChainGrewWritesEveryBlockOnce() throws IOException {
        Path work = Files.createDirectories(AnvilExtension.workDir().resolve("crawl-grow"));
        try (DevChain grown = DevChain.start(DevChainOptions.in(work))) {
            HttpProvider p = new HttpProvider(vertx, HttpProviderOptions.of(grown.httpUrl()));
            try {
                RpcCaller c = new RpcCaller(p);
                Await.result(c.request("anvil_mine", Hex.quantity(42)));
                Path dir = newDir("grow");
                CrawlOptions o = CrawlOptions.of(dir, BlockRangeSpec.parse("0:"), List.of(Dataset.BLOCKS), OutputFormat.JSONL)
                        .withChunkSize(20);
                Await.result(new Crawler(vertx, c, o, q -> { }).run(), 60);
                Await.result(c.request("anvil_mine", Hex.quantity(5)));
                Await.result(new Crawler(vertx, c, o, q -> { }).run(), 60);

                Map<Long, Long> times = JsonlRows.read(dir, "blocks__").stream()
                        .collect(Collectors.groupingBy(r -> r.get("block_number").asLong(), TreeMap::new, Collectors.counting()));
                assertEquals(48, times.size(), "blocks 0..47: " + times.keySet());
                assertEquals(Map.of(), times.entrySet().stream().filter(en -> en.getValue() != 1)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "blocks written more than once");
                assertEquals(List.of("blocks__00000000_to_00000019.jsonl", "blocks__00000020_to_00000039.jsonl",
                        "blocks__00000040_to_00000047.jsonl"), List.copyOf(files(dir).keySet()));
            } finally {
                Await.result(p.close());
            }
        }
    }
}
