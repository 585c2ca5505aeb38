package io.ethbus.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.ChildJvm;
import io.ethbus.testsupport.JsonlRows;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Blocks of about 20 MB of JSON each (ten transactions of 1 MB of calldata) crawled by the CLI in a
 * child JVM of 256 MB of heap (and of the 144 MB bin/ethbus gives a crawl): batches are sized by the bytes the answers measure, the bytes held
 * stay within a share of the heap, and every block lands. In a heap too small for one such block
 * the crawl ends with a clear error instead of an OutOfMemoryError. A chain of its own: these
 * blocks would slow every other crawl of the shared chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeBlocksCrawlTest {
    static final int BLOCKS = 6;
    static final int TXS_PER_BLOCK = 10;
    static final int CALLDATA_BYTES = 1_000_000;

    DevChain chain;
    long head;

    @BeforeAll
    void seed() {
        chain = DevChain.start(DevChainOptions.in(AnvilExtension.workDir().resolve("large-blocks-chain")));
        try (AnvilConnection anvil = AnvilConnection.open(chain)) {
            RpcCaller rpc = new RpcCaller(anvil.provider());
            result(rpc.request("evm_setBlockGasLimit", "0x3b9aca00")); // 1e9: room for 10 MB of calldata
            result(rpc.request("evm_setAutomine", false));
            String from = chain.accounts().get(0);
            String data = "0x" + "00".repeat(CALLDATA_BYTES);
            for (int b = 0; b < BLOCKS; b++) {
                for (int t = 0; t < TXS_PER_BLOCK; t++) {
                    ObjectNode tx = JsonRpcCodec.mapper().createObjectNode()
                            .put("from", from).put("to", from).put("data", data).put("gas", "0xe4e1c0");
                    result(rpc.request("eth_sendTransaction", tx), 60);
                }
                result(rpc.request("evm_mine"), 60);
            }
            head = Long.decode(result(rpc.request("eth_blockNumber")).asText());
            JsonNode last = result(rpc.request("eth_getBlockByNumber", "latest", false));
            assertEquals(TXS_PER_BLOCK, last.get("transactions").size(), "seeded blocks are full");
        }
    }

    @AfterAll
    void stop() {
        chain.close();
    }

    @Test
    void twentyMegabyteBlocksAreCrawledToJsonlInA256MegabyteHeap() throws Exception {
        Path out = crawl("jsonl", "-Xmx256m", 0);
        List<JsonNode> blocks = JsonlRows.read(out, "blocks__");
        assertEquals(head + 1, blocks.size(), "every block once");
        for (int i = 0; i < blocks.size(); i++) {
            assertEquals(i, blocks.get(i).get("block_number").asLong());
        }
        assertEquals(BLOCKS * TXS_PER_BLOCK, lines(out, "transactions__"), "every transaction once");
        assertEquals(BLOCKS * TXS_PER_BLOCK, lines(out, "receipts__"));
    }

    @Test
    void twentyMegabyteBlocksAreCrawledToParquetInA256MegabyteHeap() throws Exception {
        Path out = crawl("parquet", "-Xmx256m", 0);
        assertEquals(head + 1, parquetRows(out, "blocks__"), "every block once");
        assertEquals(BLOCKS * TXS_PER_BLOCK, parquetRows(out, "transactions__"), "every transaction once");
    }

    @Test
    void twentyMegabyteBlocksAreCrawledInTheHeapBinEthbusGivesACrawl() throws Exception {
        Path out = crawl("parquet", "-Xmx144m", 0);
        assertEquals(BLOCKS * TXS_PER_BLOCK, parquetRows(out, "transactions__"), "every transaction once");
    }

    @Test
    void aHeapTooSmallForOneBlockEndsWithATypedErrorNotOutOfMemory() throws Exception {
        Path out = newDir("too-small");
        try (ChildJvm jvm = ChildJvm.start("large-blocks-small-heap", "io.ethbus.cli.EthbusCommand",
                List.of("-Xmx48m", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"),
                List.of("crawl", "--rpc", chain.httpUrl(), "--out", out.toString(), "--format", "jsonl"))) {
            int code = exitCode(jvm);
            String log = Files.readString(jvm.log());
            assertEquals(1, code, "a crawl error, not a crash: " + jvm.tail());
            assertFalse(log.contains("OutOfMemoryError"), jvm.tail());
            assertTrue(log.contains("exceeds") && log.contains("heap"), "the error says the answer is over the heap's ceiling: "
                    + jvm.tail());
        }
    }

    private Path crawl(String format, String heap, int expectedCode) throws Exception {
        Path out = newDir(format);
        try (ChildJvm jvm = ChildJvm.start("large-blocks-" + format, "io.ethbus.cli.EthbusCommand",
                List.of(heap, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError"), // as bin/ethbus runs it
                List.of("crawl", "--rpc", chain.httpUrl(), "--out", out.toString(), "--format", format))) {
            assertEquals(expectedCode, exitCode(jvm), jvm.tail());
        }
        return out;
    }

    private static int exitCode(ChildJvm jvm) throws InterruptedException {
        // a hang guard only: the crawl takes seconds
        assertTrue(jvm.waitFor(180, TimeUnit.SECONDS), "the crawl ends: " + jvm.tail());
        return jvm.exitValue();
    }

    private static long lines(Path dir, String prefix) throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                try (Stream<String> lines = Files.lines(f)) {
                    n += lines.filter(l -> !l.isBlank()).count();
                }
            }
        }
        return n;
    }

    private static long parquetRows(Path dir, String prefix) throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(f))) {
                    n += reader.getRecordCount();
                }
            }
        }
        return n;
    }

    private static Path newDir(String name) throws IOException {
        Path dir = AnvilExtension.workDir().resolve("large-blocks-out").resolve(name + "-" + System.nanoTime());
        Files.createDirectories(dir);
        return dir;
    }
}
