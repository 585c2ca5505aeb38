package io.ethbus.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.cli.EthbusCommand;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.JsonRpcFaultProxy;
import io.ethbus.testsupport.JsonRpcFaultProxy.Fault;
import io.ethbus.testsupport.JsonlRows;
import io.ethbus.testsupport.SolcExtension;
import io.ethbus.testsupport.TestContracts;
import io.ethbus.testsupport.TraceFactoryRun;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crawls the blocks of a TraceFactory deployment and run into the traces, contracts and
 * native_transfers datasets, with the debug API and with the trace API, and checks every row
 * against the chain; then nodes without a trace API and answers that miss a transaction's trace.
 */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceDatasetsCrawlTest {
    private static final List<Dataset> TRACE_DATASETS = List.of(Dataset.TRACES, Dataset.CONTRACTS,
            Dataset.NATIVE_TRANSFERS);
    private DevChain chain;
    private Vertx vertx;
    private HttpProvider provider;
    private RpcCaller caller;
    private TraceFactoryRun run;
    /** What a crawl with the debug API wrote, by dataset. */
    private Path reference;

    @BeforeAll
    void send(DevChain chain, TestContracts contracts) throws IOException {
        this.chain = chain;
        vertx = Vertx.vertx();
        provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        caller = new RpcCaller(provider);
        run = TraceFactoryRun.send(caller, contracts);
        reference = newDir("debug");
        Await.result(new Crawler(vertx, caller, options(reference), p -> { }).run(), 60);
    }

    @AfterAll
    void close() {
        Await.result(provider.close());
        Await.result(vertx.close());
    }

    private CrawlOptions options(Path dir) {
        return CrawlOptions.of(dir, BlockRangeSpec.parse(run.deployBlock() + ":" + run.runBlock()), TRACE_DATASETS,
                OutputFormat.JSONL);
    }

    private static Path newDir(String name) throws IOException {
        Path dir = AnvilExtension.workDir().resolve("crawl-traces");
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, name);
    }

    private static List<JsonNode> rows(Path dir, Dataset d) throws IOException {
        return JsonlRows.read(dir, d.wireName() + "__");
    }

    private static String text(JsonNode row, String column) {
        return row.get(column).isNull() ? null : row.get(column).asText();
    }

    private String blockHash(long number) {
        return Await.result(caller.request("eth_getBlockByNumber", Hex.quantity(number), false)).get("hash").asText();
    }

    @Test
    void everyFrameIsATraceRowInOrderWithItsBlockAndTransaction() throws IOException {
        List<JsonNode> traces = rows(reference, Dataset.TRACES);
        assertEquals(9, traces.size(), traces.toString());
        JsonNode deploy = traces.get(0);
        assertEquals(run.deployTx(), text(deploy, "transaction_hash"));
        assertEquals(List.of("[]", "CREATE", run.sender().toHex(), run.factory().toHex()),
                List.of(text(deploy, "trace_address"), text(deploy, "type"), text(deploy, "from_address"),
                        text(deploy, "to_address")));
        List<List<String>> expected = List.of(
                List.of("0", "[]", "CALL", run.sender().toHex(), run.factory().toHex(), "100", "ok"),
                List.of("1", "[0]", "CREATE", run.factory().toHex(), run.created().toHex(), "3", "ok"),
                List.of("1", "[1]", "CREATE2", run.factory().toHex(), run.created2().toHex(), "5", "ok"),
                List.of("1", "[2]", "CALL", run.factory().toHex(), run.payee().toHex(), "11", "ok"),
                List.of("1", "[3]", "DELEGATECALL", run.factory().toHex(), run.created().toHex(), "-", "ok"),
                List.of("1", "[4]", "STATICCALL", run.factory().toHex(), run.created2().toHex(), "-", "ok"),
                List.of("1", "[5]", "CALL", run.factory().toHex(), run.factory().toHex(), "2", "failed"),
                List.of("2", "[5,0]", "CALL", run.factory().toHex(), run.payee().toHex(), "2", "ok"));
        for (int i = 0; i < expected.size(); i++) {
            JsonNode row = traces.get(i + 1);
            assertEquals(run.runTx(), text(row, "transaction_hash"));
            assertEquals(run.runBlock(), row.get("block_number").asLong());
            assertEquals(blockHash(run.runBlock()), text(row, "block_hash"));
            assertEquals(0, row.get("transaction_index").asLong());
            String value = expected.get(i).get(5).equals("-") ? "-" : text(row, "value");
            assertEquals(expected.get(i), List.of(text(row, "depth"), text(row, "trace_address"), text(row, "type"),
                    text(row, "from_address"), text(row, "to_address"), value, row.get("error").isNull() ? "ok" : "failed"),
                    row.toString());
            assertTrue(row.get("gas_used").asLong() > 0 || i > 0, row.toString());
        }
    }

    @Test
    void contractsAreEveryCreatedContractWithItsCreatorAndCodeHash() throws IOException {
        List<JsonNode> contracts = rows(reference, Dataset.CONTRACTS);
        assertEquals(List.of(
                        List.of(run.deployTx(), "[]", "CREATE", run.factory().toHex(), run.sender().toHex()),
                        List.of(run.runTx(), "[0]", "CREATE", run.created().toHex(), run.factory().toHex()),
                        List.of(run.runTx(), "[1]", "CREATE2", run.created2().toHex(), run.factory().toHex())),
                contracts.stream().map(r -> List.of(text(r, "transaction_hash"), text(r, "trace_address"), text(r, "type"),
                        text(r, "address"), text(r, "creator"))).toList());
        for (JsonNode row : contracts) {
            String code = Await.result(caller.request("eth_getCode", text(row, "address"), "latest")).asText();
            assertNotEquals("0x", code);
            assertEquals(Hex.encode(Keccak.keccak256(Hex.decode(code))), text(row, "code_hash"), row.toString());
            assertEquals(blockHash(row.get("block_number").asLong()), text(row, "block_hash"));
        }
    }

    @Test
    void nativeTransfersAreTheValueMovingFramesOutsideFailedOnes() throws IOException {
        // not the 2 wei of the reverted call nor the 2 wei it forwarded; not the DELEGATECALL's inherited value
        assertEquals(List.of(
                        List.of("[]", "0", "CALL", run.sender().toHex(), run.factory().toHex(), "100"),
                        List.of("[0]", "1", "CREATE", run.factory().toHex(), run.created().toHex(), "3"),
                        List.of("[1]", "1", "CREATE2", run.factory().toHex(), run.created2().toHex(), "5"),
                        List.of("[2]", "1", "CALL", run.factory().toHex(), run.payee().toHex(), "11")),
                rows(reference, Dataset.NATIVE_TRANSFERS).stream().map(r -> List.of(text(r, "trace_address"),
                        text(r, "depth"), text(r, "type"), text(r, "from_address"), text(r, "to_address"),
                        text(r, "value"))).toList());
        // the chain agrees: the payee holds what the transfers say it got
        assertEquals(11, Hex.toLong(Await.result(caller.request("eth_getBalance", run.payee().toHex(), "latest")).asText()));
    }

    @Test
    void theTraceApiGivesTheSameRows() throws IOException {
        Path dir = newDir("trace");
        Await.result(new Crawler(vertx, caller, options(dir), p -> { }).traceApi(TraceApi.TRACE).run(), 60);
        assertEquals(rows(reference, Dataset.CONTRACTS), rows(dir, Dataset.CONTRACTS));
        assertEquals(rows(reference, Dataset.NATIVE_TRANSFERS), rows(dir, Dataset.NATIVE_TRANSFERS));
        // gas and error texts are the node's own per API; the frames are the same
        Function<JsonNode, List<String>> frame = r -> Stream.of("block_hash", "transaction_hash", "depth",
                "trace_address", "type", "from_address", "to_address", "input").map(c -> text(r, c)).toList();
        assertEquals(rows(reference, Dataset.TRACES).stream().map(frame).toList(),
                rows(dir, Dataset.TRACES).stream().map(frame).toList());
    }

    @Test
    void decodedEventsAreCrawledBesideTheTracesByEitherLogRoute() throws IOException {
        Dataset made = EventDatasets.of(List.of("Made(address created, address created2)"), List.of(), Set.of()).get(0);
        assertEquals("events_made", made.wireName());
        // without receipts the events come from eth_getLogs beside the headers; with logs, from the receipts
        for (List<Dataset> extra : List.of(List.of(made), List.of(made, Dataset.LOGS))) {
            List<Dataset> datasets = Stream.concat(TRACE_DATASETS.stream(), extra.stream()).toList();
            CrawlOptions options = CrawlOptions.of(newDir("events"), options(reference).blocks(), datasets, OutputFormat.JSONL);
            assertEquals(extra.size() == 1, options.eventsFromGetLogs(), extra.toString());
            Await.result(new Crawler(vertx, caller, options, p -> { }).run(), 60);
            for (Dataset d : TRACE_DATASETS) {
                assertEquals(rows(reference, d), rows(options.outDir(), d), d + " beside " + extra);
            }
            List<JsonNode> events = rows(options.outDir(), made);
            assertEquals(List.of(List.of(run.runTx(), run.created().toHex(), run.created2().toHex())),
                    events.stream().map(r -> List.of(text(r, "transaction_hash"), text(r, "created"), text(r, "created2")))
                            .toList(), extra.toString());
            assertEquals(blockHash(run.runBlock()), text(events.get(0), "block_hash"));
        }
    }

    @Test
    void aNodeWithoutTraceApiFailsBeforeAnyBlockAndTheCommandExitsTwo() throws IOException {
        try (JsonRpcFaultProxy proxy = new JsonRpcFaultProxy(vertx, chain.port())) {
            proxy.fault(Fault.NO_TRACE_API);
            HttpProvider viaProxy = new HttpProvider(vertx, HttpProviderOptions.of(proxy.url()));
            try {
                Path dir = newDir("none");
                Throwable e = Await.failure(new Crawler(vertx, new RpcCaller(viaProxy), options(dir), p -> { }).run());
                assertInstanceOf(CrawlConfigException.class, e);
                assertTrue(e.getMessage().contains("has no trace API"), e.getMessage());
                Throwable forced = Await.failure(new Crawler(vertx, new RpcCaller(viaProxy), options(dir), p -> { })
                        .traceApi(TraceApi.TRACE).run());
                assertTrue(forced.getMessage().contains("does not have trace_block"), forced.getMessage());
                try (Stream<Path> files = Files.list(dir)) {
                    assertEquals(List.of(), files.toList(), "nothing written");
                }
                assertEquals(2 + 2 + 1, proxy.requests(), "each crawl's head, the two probes, the forced probe: no block");
            } finally {
                Await.result(viaProxy.close());
            }

            StringWriter err = new StringWriter();
            CommandLine cli = EthbusCommand.commandLine();
            cli.setErr(new PrintWriter(err, true));
            cli.setOut(new PrintWriter(new StringWriter(), true));
            int code = cli.execute("crawl", "--rpc", proxy.url(), "--datasets", "blocks,traces",
                    "--blocks", run.deployBlock() + ":" + run.runBlock(), "--out", newDir("cli").toString());
            assertEquals(2, code, err.toString());
            assertTrue(err.toString().contains("has no trace API"), err.toString());
        }
    }

    @Test
    void theProbeAsksAFlappingNodeAgainAndADeadOneFailsTheCrawlAfterItsRetries() throws IOException {
        try (JsonRpcFaultProxy proxy = new JsonRpcFaultProxy(vertx, chain.port())) {
            HttpProvider viaProxy = new HttpProvider(vertx, HttpProviderOptions.of(proxy.url()));
            try {
                // requests: 1 the head, 2 and 3 the probe (connection dropped), 4 the probe again, then the blocks
                proxy.fault(Fault.RESET, 2, 3);
                Path dir = newDir("flapping");
                CrawlSummary s = Await.result(new Crawler(vertx, new RpcCaller(viaProxy), options(dir), p -> { }).run(), 60);
                assertTrue(s.retries() >= 2, "the probe asked again: " + s);
                for (Dataset d : TRACE_DATASETS) {
                    assertEquals(rows(reference, d), rows(dir, d), d.wireName());
                }

                // from the next crawl's probe on, every connection is dropped
                int head = proxy.requests() + 1;
                proxy.fault(Fault.RESET, head + 1, Integer.MAX_VALUE);
                Path dead = newDir("dead");
                CrawlOptions o = options(dead);
                CrawlOptions twoRetries = new CrawlOptions(o.outDir(), o.blocks(), o.datasets(), o.format(), o.chunkSize(),
                        o.concurrency(), o.batchSize(), o.maxRps(), false, 2, o.maxBatchBytes(), o.receiptSource(),
                        o.progressEvery(), false, 0, o.pollEvery());
                Throwable e = Await.failure(new Crawler(vertx, new RpcCaller(viaProxy), twoRetries, p -> { }).run());
                assertInstanceOf(CrawlException.class, e);
                assertTrue(!(e instanceof CrawlConfigException), "a dead node is not bad input: " + e);
                assertTrue(e.getMessage().startsWith("debug_traceBlockByNumber failed after 3 attempts"), e.getMessage());
                assertEquals(head + 3, proxy.requests(), "the head, then the probe three times: no block");
                try (Stream<Path> files = Files.list(dead)) {
                    assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "nothing written");
                }
            } finally {
                Await.result(viaProxy.close());
            }
        }
    }

    @Test
    void aBlockWithATraceMissingIsReadAgainThenFailsTheCrawl() throws IOException {
        try (JsonRpcFaultProxy proxy = new JsonRpcFaultProxy(vertx, chain.port())) {
            HttpProvider viaProxy = new HttpProvider(vertx, HttpProviderOptions.of(proxy.url()));
            try {
                // requests: 1 the head, 2 the probe, 3 the first batch (short), then clean
                proxy.fault(Fault.SHORT_TRACES, 3, 3);
                Path dir = newDir("short-once");
                CrawlSummary s = Await.result(new Crawler(vertx, new RpcCaller(viaProxy), options(dir), p -> { }).run(), 60);
                assertTrue(s.retries() >= 1, s.toString());
                for (Dataset d : TRACE_DATASETS) {
                    assertEquals(rows(reference, d), rows(dir, d), d.wireName());
                }

                proxy.fault(Fault.SHORT_TRACES);
                Path failing = newDir("short-always");
                CrawlOptions o = options(failing);
                CrawlOptions oneRetry = new CrawlOptions(o.outDir(), o.blocks(), o.datasets(), o.format(), o.chunkSize(),
                        1, o.batchSize(), o.maxRps(), false, 1, o.maxBatchBytes(), o.receiptSource(), o.progressEvery(),
                        false, 0, o.pollEvery());
                Throwable e = Await.failure(new Crawler(vertx, new RpcCaller(viaProxy), oneRetry, p -> { }).run());
                assertInstanceOf(CrawlException.class, e);
                assertTrue(e.getMessage().contains("debug_traceBlockByNumber") && e.getMessage().contains("1 transactions but 0 traces"),
                        e.getMessage());
                try (Stream<Path> files = Files.list(failing)) {
                    assertEquals(List.of(), files.filter(Files::isRegularFile).toList(), "no row of an unmatched block");
                }
            } finally {
                Await.result(viaProxy.close());
            }
        }
    }
}
