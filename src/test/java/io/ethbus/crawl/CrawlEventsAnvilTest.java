package io.ethbus.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiEvent;
import io.ethbus.abi.AbiValues;
import io.ethbus.client.EthClient;
import io.ethbus.contract.Contract;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.Log;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.CountingHttpProxy;
import io.ethbus.testsupport.JsonRpcFaultProxy;
import io.ethbus.testsupport.JsonlRows;
import io.ethbus.testsupport.ParquetRows;
import io.ethbus.testsupport.SolcExtension;
import io.ethbus.testsupport.TestContracts;
import io.vertx.core.Vertx;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deploys an ERC-20, an ERC-721, an ERC-1155 and a contract with an event of every parameter
 * shape, makes transfers, crawls the blocks into decoded-event datasets and compares every row
 * with the node's own logs (eth_getLogs) decoded by the abi package, in JSONL and Parquet.
 */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrawlEventsAnvilTest {
    private static final String ERC20 = "event Transfer(address indexed from, address indexed to, uint256 value)";
    private static final String ERC721 = "event Transfer(address indexed from, address indexed to, uint256 indexed id)";
    private static final String SINGLE = "event TransferSingle(address indexed operator, address indexed from, "
            + "address indexed to, uint256 id, uint256 value)";
    private static final String BATCH = "event TransferBatch(address indexed operator, address indexed from, "
            + "address indexed to, uint256[] ids, uint256[] values)";
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger BIG_AMOUNT = BigInteger.TEN.pow(30);

    private Vertx vertx;
    private HttpProvider provider;
    private RpcCaller caller;
    private TestContracts contracts;
    private Contract token;
    private Contract nft;
    private Contract multi;
    private Contract shapes;
    private Address dev;
    private Address other;
    private long first;
    private long last;

    @BeforeAll
    void deployAndTransfer(DevChain chain, TestContracts compiled) {
        contracts = compiled;
        vertx = Vertx.vertx();
        provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        caller = new RpcCaller(provider);
        EthClient client = EthClient.direct(provider);
        dev = Address.of(chain.accounts().get(0));
        other = Address.of(chain.accounts().get(1));
        first = head() + 1;
        token = deploy(client, "TestToken", "Test Token", "TT", BIG_AMOUNT);
        nft = deploy(client, "TestNft");
        multi = deploy(client, "TestMultiToken");
        shapes = deploy(client, "TestEventShapes");
        for (int i = 1; i <= 3; i++) {
            result(token.sendAndWait("transfer", other, BigInteger.valueOf(1000L * i)));
        }
        result(token.from(other).sendAndWait("transfer", dev, BigInteger.valueOf(7)));
        result(token.sendAndWait("tag", "hello", Bytes.of("0xc0ffee")));
        result(token.sendAndWait("mint", other, BigInteger.valueOf(5)));
        result(nft.sendAndWait("mint", other, BigInteger.valueOf(42)));
        result(nft.sendAndWait("mint", dev, BigInteger.valueOf(7)));
        result(nft.sendAndWait("transferFrom", dev, other, BigInteger.valueOf(7)));
        result(multi.sendAndWait("mint", other, BigInteger.valueOf(5), BigInteger.valueOf(100)));
        result(multi.sendAndWait("mintBatch", other, List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(3)),
                List.of(BigInteger.TEN, BigInteger.valueOf(20), BigInteger.valueOf(30))));
        result(shapes.sendAndWait("shape", BigInteger.valueOf(7), BigInteger.valueOf(-5), MAX_UINT64, true,
                "h\u00e9llo, \"world\"\n", Bytes.of("0xdeadbeef"), List.of(BigInteger.ONE, BIG_AMOUNT),
                List.of(other, BIG_AMOUNT)));
        last = head();
    }

    @AfterAll
    void close() {
        result(provider.close());
        result(vertx.close());
    }

    private Contract deploy(EthClient client, String name, Object... args) {
        Abi abi = Abi.fromJson(contracts.get(name).artifactJson());
        return result(Contract.deploy(vertx, client, abi, dev, null, args));
    }

    private long head() {
        return Long.decode(result(caller.request("eth_blockNumber")).asText());
    }

    private CrawlSummary crawl(Path dir, List<Dataset> datasets, OutputFormat format) {
        CrawlOptions options = CrawlOptions.of(dir, BlockRangeSpec.parse(first + ":" + last), datasets, format).withChunkSize(5);
        return Await.result(new Crawler(vertx, caller, options, p -> { }).run(), 60);
    }

    private static Path newDir(String name) throws IOException {
        Path dir = AnvilExtension.workDir().resolve("crawl-event-tests");
        Files.createDirectories(dir);
        return Files.createTempDirectory(dir, name);
    }

    /** The node's logs over the crawled range, in block and log order. */
    private List<Log> nodeLogs() {
        JsonNode filter = JsonRpcCodec.mapper().createObjectNode().put("fromBlock", Hex.quantity(first))
                .put("toBlock", Hex.quantity(last));
        List<Log> logs = new ArrayList<>();
        result(caller.request("eth_getLogs", filter)).forEach(l -> logs.add(Log.fromJson(l)));
        return logs;
    }

    private final Map<Long, Long> timestamps = new HashMap<>();

    /** The log's position columns, as the node states them. */
    private List<Object> position(Log log) {
        long time = timestamps.computeIfAbsent(log.blockNumber(), n -> Long.decode(
                result(caller.request("eth_getBlockByNumber", Hex.quantity(n), false)).get("timestamp").asText()));
        return new ArrayList<>(List.of(log.blockNumber(), log.blockHash().toHex(), time, log.transactionIndex(),
                log.transactionHash().toHex(), log.logIndex(), log.address().toHex()));
    }

    /** Expected rows of a one-event dataset: the position, then each value as {@code values} maps the decoded arguments. */
    private List<List<Object>> expected(AbiEvent event, java.util.function.Function<AbiValues, List<Object>> values) {
        List<List<Object>> rows = new ArrayList<>();
        for (Log log : nodeLogs()) {
            if (event.matches(log)) {
                List<Object> row = position(log);
                row.addAll(values.apply(event.decode(log).args()));
                rows.add(row);
            }
        }
        return rows;
    }

    private List<List<Object>> expectedErc1155() {
        AbiEvent single = Abi.parse(SINGLE).events().get(0);
        AbiEvent batch = Abi.parse(BATCH).events().get(0);
        List<List<Object>> rows = new ArrayList<>();
        for (Log log : nodeLogs()) {
            if (single.matches(log)) {
                AbiValues a = single.decode(log).args();
                List<Object> row = position(log);
                row.addAll(List.of(a.getAddress(0).toHex(), a.getAddress(1).toHex(), a.getAddress(2).toHex(),
                        a.getBigInteger(3).toString(), a.getBigInteger(4).toString()));
                row.add(0L);
                rows.add(row);
            } else if (batch.matches(log)) {
                AbiValues a = batch.decode(log).args();
                for (int i = 0; i < a.getList(3).size(); i++) {
                    List<Object> row = position(log);
                    row.addAll(List.of(a.getAddress(0).toHex(), a.getAddress(1).toHex(), a.getAddress(2).toHex(),
                            a.getList(3).get(i).toString(), a.getList(4).get(i).toString(), (long) i));
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<Object> transfer(AbiValues a) {
        return List.of(a.getAddress(0).toHex(), a.getAddress(1).toHex(), a.getBigInteger(2).toString());
    }

    @Test
    void builtInTransferDatasetsAreTheNodesLogsDecodedInJsonlAndParquet() throws IOException {
        List<Dataset> datasets = EventDatasets.builtIn(Set.of());
        Path json = newDir("builtin-jsonl");
        Path pq = newDir("builtin-parquet");
        crawl(json, datasets, OutputFormat.JSONL);
        crawl(pq, datasets, OutputFormat.PARQUET);

        List<List<Object>> erc20 = expected(Abi.parse(ERC20).events().get(0), CrawlEventsAnvilTest::transfer);
        List<List<Object>> erc721 = expected(Abi.parse(ERC721).events().get(0), CrawlEventsAnvilTest::transfer);
        List<List<Object>> erc1155 = expectedErc1155();
        // deploy mint, 3 + 1 transfers, mint; 2 mints and a transfer; a single and a batch of 3
        assertEquals(6, erc20.stream().filter(r -> r.get(6).equals(token.address().toHex())).count(), erc20.toString());
        assertEquals(3, erc721.size(), erc721.toString());
        assertEquals(4, erc1155.size(), erc1155.toString());
        Map<String, List<List<Object>>> expected = Map.of("erc20_transfers", erc20, "erc721_transfers", erc721,
                "erc1155_transfers", erc1155);
        for (Dataset d : datasets) {
            assertRows(expected.get(d.wireName()), d, json, pq);
        }
        // ERC-20's and ERC-721's Transfer share topic0: neither contract's logs are in the other's dataset
        assertTrue(erc20.stream().noneMatch(r -> r.get(6).equals(nft.address().toHex())));
        assertTrue(erc721.stream().allMatch(r -> r.get(6).equals(nft.address().toHex())));
    }

    @Test
    void abiFileAndContractFilterGiveADatasetPerEventWithTypedColumns() throws IOException {
        Path abiFile = newDir("abi").resolve("shapes.json");
        Files.writeString(abiFile, contracts.get("TestEventShapes").artifactJson());
        Path tokenAbi = abiFile.resolveSibling("token.json");
        Files.writeString(tokenAbi, contracts.get("TestToken").abiJson());
        List<Dataset> datasets = EventDatasets.of(List.of(ERC20.substring("event ".length())), List.of(abiFile, tokenAbi),
                Set.of(token.address().toHex(), shapes.address().toHex()));
        Map<String, Dataset> byName = new HashMap<>();
        datasets.forEach(d -> byName.put(d.wireName(), d));
        assertEquals(Set.of("events_transfer", "events_shaped", "events_approval", "events_tagged", "events_minted"),
                byName.keySet(), "the signature's Transfer and the token ABI's are one");
        assertEquals(5, datasets.size());
        Path json = newDir("abi-jsonl");
        Path pq = newDir("abi-parquet");
        crawl(json, datasets, OutputFormat.JSONL);
        crawl(pq, datasets, OutputFormat.PARQUET);

        Dataset shaped = byName.get("events_shaped");
        assertEquals(List.of("small", "signed", "big", "flag", "text", "blob", "list", "pair"),
                shaped.columns().subList(7, 15).stream().map(Column::name).toList());
        assertEquals(List.of(ColumnType.INT64, ColumnType.INT64, ColumnType.DECIMAL, ColumnType.BOOLEAN, ColumnType.STRING,
                ColumnType.HEX, ColumnType.JSON, ColumnType.JSON), shaped.columns().subList(7, 15).stream().map(Column::type).toList());
        Abi shapesAbi = shapes.abi();
        List<List<Object>> shapedRows = expected(shapesAbi.event("Shaped"), a -> java.util.Arrays.asList(
                a.getBigInteger(0).longValueExact(), a.getBigInteger(1).longValueExact(), a.getBigInteger(2).toString(),
                a.getBoolean(3), a.getString(4), a.getBytes(5).toHex(),
                "[\"" + a.getList(6).get(0) + "\",\"" + a.getList(6).get(1) + "\"]",
                "{\"who\":\"" + a.getTuple(7).getAddress(0).toHex() + "\",\"amount\":\"" + a.getTuple(7).getBigInteger(1) + "\"}"));
        assertEquals(1, shapedRows.size());
        assertEquals(java.util.Arrays.asList(7L, -5L, MAX_UINT64.toString(), true, "h\u00e9llo, \"world\"\n", "0xdeadbeef",
                "[\"1\",\"" + BIG_AMOUNT + "\"]", "{\"who\":\"" + other.toHex() + "\",\"amount\":\"" + BIG_AMOUNT + "\"}"),
                shapedRows.get(0).subList(7, 15), "what the test sent");
        assertRows(shapedRows, shaped, json, pq);

        Abi tokenAbiParsed = token.abi();
        List<List<Object>> transfers = expected(tokenAbiParsed.event("Transfer"), CrawlEventsAnvilTest::transfer);
        transfers.removeIf(r -> !r.get(6).equals(token.address().toHex()));
        assertEquals(6, transfers.size());
        assertRows(transfers, byName.get("events_transfer"), json, pq);
        List<List<Object>> tagged = expected(tokenAbiParsed.event("Tagged"),
                a -> List.of(a.getHash(0).toHex(), a.getAddress(1).toHex(), a.getBytes(2).toHex()));
        assertEquals(Hex.encode(Keccak.keccak256("hello".getBytes(StandardCharsets.UTF_8))), tagged.get(0).get(7),
                "an indexed string is its hash");
        assertRows(tagged, byName.get("events_tagged"), json, pq);
        List<List<Object>> minted = expected(tokenAbiParsed.event("Minted"),
                a -> List.of(a.getAddress(0).toHex(), a.getBigInteger(1).toString()));
        minted.removeIf(r -> !r.get(6).equals(token.address().toHex()));
        assertEquals(List.of(other.toHex(), "5"), minted.get(minted.size() - 1).subList(7, 9), "the anonymous event");
        assertRows(minted, byName.get("events_minted"), json, pq);
    }

    @Test
    void theReceiptRouteAndTheGetLogsRouteWriteTheSameRows() throws IOException {
        List<Dataset> events = EventDatasets.builtIn(Set.of());
        CrawlOptions alone = CrawlOptions.of(newDir("route"), BlockRangeSpec.parse("0:"), events, OutputFormat.JSONL);
        List<Dataset> withLogs = new ArrayList<>(events);
        withLogs.add(Dataset.LOGS);
        assertTrue(alone.eventsFromGetLogs(), "only events: eth_getLogs");
        assertTrue(!CrawlOptions.of(alone.outDir(), alone.blocks(), withLogs, OutputFormat.JSONL).eventsFromGetLogs(),
                "logs asked for: the receipts' logs");
        Path byGetLogs = newDir("by-getlogs");
        Path byReceipts = newDir("by-receipts");
        CrawlSummary getLogs = crawl(byGetLogs, events, OutputFormat.JSONL);
        CrawlSummary receipts = crawl(byReceipts, withLogs, OutputFormat.JSONL);
        for (Dataset d : events) {
            List<JsonNode> a = JsonlRows.read(byGetLogs, d.wireName() + "__");
            assertTrue(a.size() > 0, d.wireName());
            assertEquals(a, JsonlRows.read(byReceipts, d.wireName() + "__"), d.wireName());
        }
        // every block's header and one eth_getLogs per batch, against a header and its receipts per block
        long blocks = last - first + 1;
        assertTrue(getLogs.calls() < receipts.calls(), getLogs.calls() + " calls against " + receipts.calls());
        assertTrue(getLogs.calls() >= blocks + 1, getLogs.calls() + " calls for " + blocks + " blocks");
    }

    @Test
    void theRouteChosenForEventsCostsFewerCallsAndBytesThanTheOther(DevChain chain) throws IOException {
        // no contract filter: every Transfer log of the range matches, the case least favourable to eth_getLogs
        List<Dataset> events = EventDatasets.builtIn(Set.of());
        for (List<Dataset> others : List.of(List.<Dataset>of(), List.of(Dataset.TRANSACTIONS))) {
            List<Dataset> chosen = new ArrayList<>(others);
            chosen.addAll(events);
            List<Dataset> byReceipts = new ArrayList<>(chosen);
            byReceipts.add(Dataset.LOGS); // fetches exactly what the receipts route would for the chosen datasets
            CrawlCost getLogs = crawlCounted(chain, chosen);
            CrawlCost receipts = crawlCounted(chain, byReceipts);
            String what = "events beside " + others + ": " + getLogs + " against " + receipts;
            assertTrue(getLogs.options().eventsFromGetLogs() && !receipts.options().eventsFromGetLogs(), what);
            assertTrue(getLogs.calls() < receipts.calls(), what);
            assertTrue(getLogs.answerBytes() < receipts.answerBytes(), what);
            for (Dataset d : events) {
                assertEquals(JsonlRows.read(receipts.dir(), d.wireName() + "__"), JsonlRows.read(getLogs.dir(), d.wireName() + "__"),
                        d.wireName());
            }
        }
    }

    /** What a crawl asked of the node: calls and bytes of answers, through a counting proxy. */
    private record CrawlCost(CrawlOptions options, Path dir, long calls, long answerBytes) {
    }

    /** Crawls the range's {@code datasets} in batches of 5 blocks through a counting proxy. */
    private CrawlCost crawlCounted(DevChain chain, List<Dataset> datasets) throws IOException {
        Path dir = newDir("cost");
        CrawlOptions options = CrawlOptions.of(dir, BlockRangeSpec.parse(first + ":" + last), datasets, OutputFormat.JSONL)
                .withChunkSize(5).withBatchSize(5).withConcurrency(2);
        try (CountingHttpProxy proxy = new CountingHttpProxy(vertx, chain.port())) {
            HttpProvider viaProxy = new HttpProvider(vertx, HttpProviderOptions.of(proxy.url()));
            try {
                Await.result(new Crawler(vertx, new RpcCaller(viaProxy), options, p -> { }).run(), 60);
            } finally {
                result(viaProxy.close());
            }
            return new CrawlCost(options, dir, proxy.calls(), proxy.answerBytes());
        }
    }

    @Test
    void aGetLogsAnswerFromAnotherBlockIsAskedAgainNotWritten(DevChain chain) throws IOException {
        List<Dataset> events = EventDatasets.builtIn(Set.of());
        Path clean = newDir("reorg-clean");
        crawl(clean, events, OutputFormat.JSONL);
        Path dir = newDir("reorg");
        // every batch until the 8th request: the ERC-20 transfers' logs are in one of them
        CrawlSummary s = crawlThroughProxy(chain, dir, events, proxy -> proxy.fault(JsonRpcFaultProxy.Fault.REORGED_LOGS, 1, 8));
        assertTrue(s.retries() >= 1, "a batch with a log of another block hash is asked again: " + s);
        for (Dataset d : events) {
            assertEquals(JsonlRows.read(clean, d.wireName() + "__"), JsonlRows.read(dir, d.wireName() + "__"), d.wireName());
        }
    }

    @Test
    void aBlockWithMoreLogsThanGetLogsReturnsIsReadFromItsReceipts(DevChain chain) throws IOException {
        List<Dataset> events = EventDatasets.builtIn(Set.of());
        List<Dataset> withLogs = new ArrayList<>(events);
        withLogs.add(Dataset.LOGS);
        Path byReceipts = newDir("busy-by-receipts");
        crawl(byReceipts, withLogs, OutputFormat.JSONL);
        Path dir = newDir("busy");
        // every eth_getLogs that would return a log is refused as too large: even one block's range
        CrawlSummary s = crawlThroughProxy(chain, dir, events, proxy -> proxy.fault(JsonRpcFaultProxy.Fault.TOO_MANY_LOGS));
        assertTrue(s.retries() >= 1, "runs with logs are split down to one block first: " + s);
        for (Dataset d : events) {
            List<JsonNode> rows = JsonlRows.read(dir, d.wireName() + "__");
            assertTrue(rows.size() > 0, d.wireName());
            assertEquals(JsonlRows.read(byReceipts, d.wireName() + "__"), rows, d.wireName());
        }
    }

    /** Crawls the range's {@code datasets} into {@code dir} through a fault proxy set up by {@code faults}. */
    private CrawlSummary crawlThroughProxy(DevChain chain, Path dir, List<Dataset> datasets,
                                           java.util.function.Consumer<JsonRpcFaultProxy> faults) {
        try (JsonRpcFaultProxy proxy = new JsonRpcFaultProxy(vertx, chain.port())) {
            HttpProvider viaProxy = new HttpProvider(vertx, HttpProviderOptions.of(proxy.url()));
            try {
                faults.accept(proxy);
                CrawlOptions options = CrawlOptions.of(dir, BlockRangeSpec.parse(first + ":" + last), datasets, OutputFormat.JSONL)
                        .withChunkSize(5);
                return Await.result(new Crawler(vertx, new RpcCaller(viaProxy), options, p -> { }).run(), 60);
            } finally {
                result(viaProxy.close());
            }
        }
    }

    /** The dataset's JSONL rows are {@code expected}, field by field, and its Parquet rows the same. */
    private static void assertRows(List<List<Object>> expected, Dataset d, Path json, Path pq) throws IOException {
        List<JsonNode> rows = JsonlRows.read(json, d.wireName() + "__");
        assertEquals(expected.size(), rows.size(), d.wireName());
        assertTrue(rows.size() > 0, d.wireName() + " has rows");
        List<Group> groups = new ArrayList<>();
        try (Stream<Path> files = Files.list(pq)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(d.wireName() + "__")).sorted().toList()) {
                groups.addAll(ParquetRows.read(f));
            }
        }
        assertEquals(expected.size(), groups.size(), d.wireName() + " in Parquet");
        List<Column> columns = d.columns();
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                Object want = expected.get(r).get(c);
                String where = d.wireName() + "[" + r + "]." + col.name();
                assertEquals(want, jsonValue(rows.get(r).get(col.name()), col.type()), where);
                assertEquals(want, parquetValue(groups.get(r), col), where + " in Parquet");
            }
        }
    }

    private static Object jsonValue(JsonNode v, ColumnType type) {
        if (v == null || v.isNull()) {
            return null;
        }
        return switch (type) {
            case INT64 -> v.asLong();
            case BOOLEAN -> v.asBoolean();
            default -> v.asText();
        };
    }

    private static Object parquetValue(Group g, Column col) {
        if (g.getFieldRepetitionCount(col.name()) == 0) {
            return null;
        }
        return switch (col.type()) {
            case INT64 -> g.getLong(col.name(), 0);
            case BOOLEAN -> g.getBoolean(col.name(), 0);
            default -> g.getString(col.name(), 0);
        };
    }
}
