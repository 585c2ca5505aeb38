package io.ethbus.crawl;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiValues;
import io.ethbus.devchain.DemoChainSeeder;
import io.ethbus.primitives.Bytes;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.Block;
import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hex;
import io.ethbus.eth.Receipt;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.JsonRpcFaultProxy;
import io.ethbus.testsupport.JsonlRows;
import io.ethbus.testsupport.ParquetRows;
import io.vertx.core.Vertx;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crawls a small seeded anvil chain of its own and checks the files against the node. */
class CrawlerAnvilTest {
    /** The datasets of blocks and receipts (the trace datasets have tests of their own). */
    private static final List<Dataset> ALL = List.of(Dataset.BLOCKS, Dataset.TRANSACTIONS, Dataset.RECEIPTS, Dataset.LOGS);
    private static SeededChain seeded;
    private static DevChain chain;
    private static Vertx vertx;
    private static HttpProvider provider;
    private static RpcCaller caller;
    private static long head;

    @BeforeAll
    static void seed() {
        seeded = SeededChain.start();
        chain = seeded.chain();
        vertx = seeded.vertx();
        provider = seeded.provider();
        caller = seeded.caller();
        head = seeded.head();
    }

    @AfterAll
    static void stop() {
        seeded.close();
    }

    private static Path newDir(String name) throws IOException {
        Path dir = AnvilExtension.workDir().resolve("crawl-tests");
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, name);
    }

    private static CrawlSummary crawl(CrawlOptions options) {
        return Await.result(new Crawler(vertx, caller, options, p -> { }).run(), 60);
    }

    private static CrawlOptions options(Path dir, OutputFormat format) {
        return CrawlOptions.of(dir, BlockRangeSpec.parse("0:"), ALL, format).withChunkSize(10);
    }

    private static List<JsonNode> jsonl(Path dir, Dataset d) throws IOException {
        return JsonlRows.read(dir, d.wireName() + "__");
    }

    private static JsonNode rpc(String method, Object... params) {
        return Await.result(caller.request(method, params));
    }

    @Test
    void rowCountsEqualTheChainsAndSampledRowsMatchTheNode() throws IOException {
        Path dir = newDir("counts");
        CrawlSummary s = crawl(options(dir, OutputFormat.JSONL));
        long txs = 0;
        long logs = 0;
        for (long n = 0; n <= head; n++) {
            JsonNode block = rpc("eth_getBlockByNumber", Hex.quantity(n), false);
            txs += block.get("transactions").size();
            for (JsonNode tx : block.get("transactions")) {
                logs += rpc("eth_getTransactionReceipt", tx.asText()).get("logs").size();
            }
        }
        assertTrue(txs > 50 && logs > 25, "seeded chain has transactions and logs: " + txs + ", " + logs);
        assertEquals(head + 1, jsonl(dir, Dataset.BLOCKS).size());
        assertEquals(txs, jsonl(dir, Dataset.TRANSACTIONS).size());
        assertEquals(txs, jsonl(dir, Dataset.RECEIPTS).size());
        assertEquals(logs, jsonl(dir, Dataset.LOGS).size());
        assertEquals(logs, s.rows().get("logs"));
        assertEquals((int) (head / 10 + 1), s.chunksWritten());

        JsonNode txRow = jsonl(dir, Dataset.TRANSACTIONS).get((int) (txs / 2));
        JsonNode tx = rpc("eth_getTransactionByHash", txRow.get("transaction_hash").asText());
        assertEquals(Hex.toLong(tx.get("blockNumber").asText()), txRow.get("block_number").asLong());
        assertEquals(tx.get("from").asText().toLowerCase(), txRow.get("from_address").asText());
        assertEquals(tx.get("to").asText().toLowerCase(), txRow.get("to_address").asText());
        assertEquals(Hex.toBigInteger(tx.get("value").asText()).toString(), txRow.get("value").asText());
        assertEquals(Hex.toLong(tx.get("nonce").asText()), txRow.get("nonce").asLong());
        assertEquals(tx.get("input").asText(), txRow.get("input").asText());

        JsonNode logRow = jsonl(dir, Dataset.LOGS).get((int) (logs - 1));
        JsonNode receipt = rpc("eth_getTransactionReceipt", logRow.get("transaction_hash").asText());
        JsonNode log = receipt.get("logs").get(0);
        assertEquals(DemoChainSeeder.TRANSFER_TOPIC, logRow.get("topic0").asText());
        assertEquals(log.get("topics").get(1).asText(), logRow.get("topic1").asText());
        assertEquals(log.get("topics").get(2).asText(), logRow.get("topic2").asText());
        assertTrue(logRow.get("topic3").isNull());
        assertEquals(log.get("data").asText(), logRow.get("data").asText());
        assertEquals(Hex.toLong(log.get("logIndex").asText()), logRow.get("log_index").asLong());
        // the demo's calls are ABI-encoded transfer(to, value): its log is the standard Transfer(from, to, value)
        JsonNode call = rpc("eth_getTransactionByHash", logRow.get("transaction_hash").asText());
        AbiValues transfer = Abi.parse("function transfer(address to, uint256 value)").function("transfer")
                .decodeCall(Bytes.of(call.get("input").asText()));
        assertEquals(word(call.get("from").asText()), logRow.get("topic1").asText());
        assertEquals(word(transfer.getAddress("to").toHex()), logRow.get("topic2").asText());
        assertEquals(transfer.getBigInteger("value"), new BigInteger(logRow.get("data").asText().substring(2), 16));
        assertEquals(Hex.toLong(receipt.get("gasUsed").asText()),
                jsonl(dir, Dataset.RECEIPTS).stream().filter(r -> r.get("transaction_hash").equals(logRow.get("transaction_hash")))
                        .findFirst().orElseThrow().get("gas_used").asLong());

        JsonNode blockRow = jsonl(dir, Dataset.BLOCKS).get(7);
        JsonNode block = rpc("eth_getBlockByNumber", Hex.quantity(7), false);
        assertEquals(block.get("hash").asText(), blockRow.get("block_hash").asText());
        assertEquals(block.get("parentHash").asText(), blockRow.get("parent_hash").asText());
        assertEquals(Hex.toLong(block.get("timestamp").asText()), blockRow.get("timestamp").asLong());
        assertEquals(new BigInteger(block.get("baseFeePerGas").asText().substring(2), 16).toString(),
                blockRow.get("base_fee_per_gas").asText());
    }

    @Test
    void everyRowEqualsTheTypedDecodingOfTheNodesAnswers() throws IOException {
        Path dir = newDir("typed");
        crawl(options(dir, OutputFormat.JSONL).withBatchSize(3));
        for (Dataset d : ALL) {
            List<List<Object>> expected = new ArrayList<>();
            for (long n = 0; n <= head; n++) {
                Block block = Await.result(caller.call(EthCalls.getBlockByNumber(BlockId.number(n), true))).orElseThrow();
                List<Receipt> receipts = Await.result(caller.call(EthCalls.getBlockReceipts(BlockId.number(n)))).orElseThrow();
                expected.addAll(TypedRows.of(d, block, receipts));
            }
            List<JsonNode> actual = jsonl(dir, d);
            assertEquals(expected.size(), actual.size(), d.wireName());
            assertTrue(expected.size() > 25, d.wireName() + " has rows");
            List<Column> columns = d.columns();
            for (int i = 0; i < expected.size(); i++) {
                for (int c = 0; c < columns.size(); c++) {
                    Object want = expected.get(i).get(c);
                    JsonNode got = actual.get(i).get(columns.get(c).name());
                    String where = d.wireName() + " row " + i + " " + columns.get(c).name();
                    if (want == null) {
                        assertTrue(got.isNull(), where + ": " + got);
                    } else if (want instanceof Long l) {
                        assertTrue(got.isIntegralNumber(), where + ": " + got);
                        assertEquals(l.longValue(), got.longValue(), where);
                    } else {
                        assertEquals(want, got.textValue(), where);
                    }
                }
            }
        }
    }

    @Test
    void aNodeThatSaysTooManyRequestsHalvesTheConcurrencyAndTheCrawlCompletesAfterRetries() throws IOException {
        Path dir = newDir("overload");
        // the next three batches after the head meet 429s with Retry-After
        CrawlSummary s = crawlThrough(dir, JsonRpcFaultProxy.Fault.TOO_MANY_REQUESTS, 2, 4, 60);
        assertTrue(s.retries() > 0, "retried: " + s);
        assertTrue(s.finalConcurrency() < 8, "halved from 8: " + s.finalConcurrency());
        assertEquals(head + 1, jsonl(dir, Dataset.BLOCKS).size());
        assertEquals(jsonl(dir, Dataset.LOGS).size(), s.rows().get("logs"));
    }

    @Test
    void aStalledBatchIsHedgedInsteadOfHoldingTheCrawlForTheRequestTimeout() throws IOException {
        Path dir = newDir("stall");
        // request 3, a batch of blocks, reaches the node but is never answered; with the 30 s
        // request timeout, a crawl without a hedge would not end within the 20 s allowed here
        CrawlSummary s = crawlThrough(dir, JsonRpcFaultProxy.Fault.STALL, 3, 3, 20);
        assertTrue(s.hedges() >= 1, "hedged: " + s);
        assertEquals(0, s.retries(), "a hedge is not a failure: " + s);
        List<JsonNode> blocks = jsonl(dir, Dataset.BLOCKS);
        assertEquals(head + 1, blocks.size());
        assertEquals(head + 1, blocks.stream().map(b -> b.get("block_number").asLong()).distinct().count(),
                "every block once");
    }

    @Test
    void aChunkWhoseClaimLapsedIsNotWrittenOverItsNewHoldersFiles() throws IOException {
        Path dir = newDir("lapse");
        String theirs = "{\"written_by\":\"the new holder\"}\n";
        LapsingLedger ledger = new LapsingLedger(chunk -> {
            try {
                for (Dataset d : ALL) {
                    Files.writeString(new ChunkFile(dir, chunk, d, OutputFormat.JSONL).finalPath(), theirs);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        CrawlSummary s = Await.result(new Crawler(vertx, caller, options(dir, OutputFormat.JSONL), ledger, p -> { }).run(), 60);

        Chunk lapsed = ledger.lapsed();
        assertTrue(lapsed != null, "a claim lapsed");
        for (Dataset d : ALL) {
            assertEquals(theirs, Files.readString(new ChunkFile(dir, lapsed, d, OutputFormat.JSONL).finalPath()),
                    d + ": the new holder's file stays as it wrote it");
        }
        assertEquals(1, s.chunksSkipped(), "the lapsed chunk, asked for again, is found written: " + s);
        assertEquals(s.chunks() - 1, s.chunksWritten(), "every other chunk written once: " + s);
        assertEquals(head + 1 - lapsed.size(), s.rows().get("blocks"), "the dropped rows are not counted");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
                    "the dropped files are deleted");
        }
    }

    @Test
    void aNodeSlowFromTheStartIsNotHedged() throws IOException {
        Path dir = newDir("slow");
        // every batch takes 1.2 s, past the 1 s hedge floor: the first wave goes out before
        // any answer, and hedging it on the floor alone would double the slow node's load
        CrawlSummary s = crawlThrough(dir, JsonRpcFaultProxy.Fault.SLOW, 2, 10_000, 60);
        assertEquals(0, s.hedges(), "hedged: " + s);
        assertEquals(head + 1, jsonl(dir, Dataset.BLOCKS).size());
    }

    /**
     * Crawls the chain into {@code dir} (JSONL, batches of 4) through a proxy that applies
     * {@code fault} to requests {@code first}..{@code last}; request 1 asks the head.
     */
    private CrawlSummary crawlThrough(Path dir, JsonRpcFaultProxy.Fault fault, int first, int last, long seconds) {
        try (JsonRpcFaultProxy proxy = new JsonRpcFaultProxy(vertx, chain.port())) {
            HttpProvider viaProxy = new HttpProvider(vertx, HttpProviderOptions.of(proxy.url()));
            try {
                proxy.fault(fault, first, last);
                return Await.result(new Crawler(vertx, new RpcCaller(viaProxy),
                        options(dir, OutputFormat.JSONL).withBatchSize(4), p -> { }).run(), seconds);
            } finally {
                Await.result(viaProxy.close());
            }
        }
    }

    @Test
    void transactionReceiptsGiveTheSameFilesAsBlockReceipts() throws IOException {
        Path byBlock = newDir("byblock");
        Path byTx = newDir("bytx");
        crawl(options(byBlock, OutputFormat.CSV).withBatchSize(3));
        crawl(options(byTx, OutputFormat.CSV).withReceiptSource(ReceiptSource.TRANSACTION).withConcurrency(2));
        for (String name : List.of("receipts__00000010_to_00000019.csv", "logs__00000000_to_00000009.csv")) {
            assertEquals(Files.readString(byBlock.resolve(name)), Files.readString(byTx.resolve(name)), name);
        }
    }

    @Test
    void resumeSkipsCompleteChunksAndOverwriteRedoesThem() throws IOException {
        Path dir = newDir("resume");
        CrawlOptions o = options(dir, OutputFormat.JSONL);
        CrawlSummary first = crawl(o);
        Path file = dir.resolve("blocks__00000010_to_00000019.jsonl");
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, old);

        CrawlSummary again = crawl(o);
        assertEquals(first.chunks(), again.chunksSkipped());
        assertEquals(0, again.chunksWritten());
        assertEquals(old, Files.getLastModifiedTime(file));

        CrawlSummary redone = crawl(o.withOverwrite(true));
        assertEquals(first.chunks(), redone.chunksWritten());
        assertTrue(Files.getLastModifiedTime(file).compareTo(old) > 0);
        try (Stream<Path> reports = Files.list(dir.resolve(".ethbus"))) {
            assertEquals(3, reports.count());
        }
    }

    @Test
    void aLeftoverTemporaryFileIsNotTakenAsComplete() throws IOException {
        Path dir = newDir("partial");
        CrawlOptions o = options(dir, OutputFormat.JSONL).withBatchSize(4);
        crawl(o);
        ChunkFile f = new ChunkFile(dir, new Chunk(10, 19), Dataset.LOGS, OutputFormat.JSONL);
        String complete = Files.readString(f.finalPath());
        Files.delete(f.finalPath());
        Path leftover = f.tempPath("crashed");
        Files.writeString(leftover, complete.substring(0, complete.length() / 3), StandardCharsets.UTF_8);

        CrawlSummary resumed = crawl(o);
        assertEquals(1, resumed.chunksWritten());
        assertEquals(List.of(f.finalPath().getFileName().toString()), resumed.files());
        assertEquals(complete, Files.readString(f.finalPath()));
        try (Stream<Path> temps = Files.list(dir)) {
            assertEquals(List.of(leftover), temps.filter(p -> p.toString().endsWith(".tmp")).toList(),
                    "only the crashed run's stray file, none of this run's");
        }
    }

    @Test
    void csvAndJsonlCarryTheSameColumnsAndValues() throws IOException {
        Path csv = newDir("csv");
        Path json = newDir("json");
        crawl(options(csv, OutputFormat.CSV));
        crawl(options(json, OutputFormat.JSONL));
        for (Dataset d : ALL) {
            String stem = new Chunk(10, 19).fileStem(d);
            List<String> lines = Files.readAllLines(csv.resolve(stem + ".csv"));
            List<String> header = List.of(lines.get(0).split(","));
            assertEquals(d.columns().stream().map(Column::name).toList(), header, d.wireName());
            List<String> keys = new ArrayList<>();
            JsonNode firstRow = jsonl(json, d).stream().filter(r -> r.get("block_number").asLong() >= 10).findFirst().orElseThrow();
            firstRow.fieldNames().forEachRemaining(keys::add);
            assertEquals(header, keys, d.wireName());
            String[] values = lines.get(1).split(",", -1);
            for (int i = 0; i < header.size(); i++) {
                JsonNode v = firstRow.get(header.get(i));
                assertEquals(v.isNull() ? "" : v.asText(), values[i], d.wireName() + "." + header.get(i));
            }
        }
    }

    @Test
    void parquetReadsBackWithTheSameRows() throws IOException {
        Path pq = newDir("parquet");
        Path json = newDir("parquet-json");
        crawl(options(pq, OutputFormat.PARQUET));
        crawl(options(json, OutputFormat.JSONL));
        List<JsonNode> expected = jsonl(json, Dataset.TRANSACTIONS).stream()
                .filter(r -> r.get("block_number").asLong() >= 10 && r.get("block_number").asLong() <= 19).toList();
        List<Group> groups = ParquetRows.read(pq.resolve(new Chunk(10, 19).fileStem(Dataset.TRANSACTIONS) + ".parquet"));
        assertEquals(expected.size(), groups.size());
        assertTrue(groups.size() > 10);
        for (int i : new int[]{0, groups.size() - 1}) {
            Group g = groups.get(i);
            JsonNode r = expected.get(i);
            assertEquals(r.get("block_number").asLong(), g.getLong("block_number", 0));
            assertEquals(r.get("transaction_hash").asText(), g.getString("transaction_hash", 0));
            assertEquals(r.get("value").asText(), g.getString("value", 0));
            assertEquals(r.get("from_address").asText(), g.getString("from_address", 0));
            assertEquals(0, g.getFieldRepetitionCount("max_fee_per_blob_gas"), "null stays null");
        }
        List<Group> logs = ParquetRows.read(pq.resolve(new Chunk(0, 9).fileStem(Dataset.LOGS) + ".parquet"));
        assertEquals(jsonl(json, Dataset.LOGS).stream().filter(r -> r.get("block_number").asLong() <= 9).count(), logs.size());
    }

    @Test
    void aRangePastTheHeadFailsWithAClearMessage() throws IOException {
        Path dir = newDir("past");
        Throwable e = Await.failure(new Crawler(vertx, caller,
                CrawlOptions.of(dir, BlockRangeSpec.parse("0:" + (head + 100)), ALL, OutputFormat.CSV), p -> { }).run());
        assertTrue(e instanceof CrawlConfigException && e.getMessage().contains("past the chain head"), e.toString());
        try (Stream<Path> files = Files.list(dir)) {
            Iterator<Path> it = files.iterator();
            assertFalse(it.hasNext());
        }
    }

    /** An address as a 32-byte log topic. */
    private static String word(String address) {
        return "0x000000000000000000000000" + address.substring(2).toLowerCase();
    }
}
