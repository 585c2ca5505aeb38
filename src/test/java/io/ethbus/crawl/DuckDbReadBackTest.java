package io.ethbus.crawl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiEvent;
import io.ethbus.abi.AbiValues;
import io.ethbus.client.EthClient;
import io.ethbus.devchain.DemoChainSeeder;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.eth.Block;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;
import io.ethbus.eth.Receipt;
import io.ethbus.eth.Transaction;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilConnection;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.Mined;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Crawls a stretch of the shared dev chain (value transfers, token calls with logs, contract
 * creations, a failed one, a legacy transaction, a value above 2^64 wei) and a small chain of
 * its own under Berlin's rules (blocks without a base fee) into Parquet for every dataset,
 * reads the files back with DuckDB, and compares what DuckDB sees (column names and types,
 * every row, field by field, nulls included) with the node's answers through the typed client.
 * A dataset the crawl gains needs only its entry in {@link #EXPECTED}.
 */
@ExtendWith(AnvilExtension.class)
class DuckDbReadBackTest {
    /** 20 ether: above 2^64 wei, so it fits neither int64 nor uint64. */
    private static final BigInteger BIG_VALUE = new BigInteger("20000000000000000000");
    /** Init code that reverts at once (PUSH1 0 PUSH1 0 REVERT): a failed creation, status 0. */
    private static final String REVERTING_INIT = "0x60006000fd";
    /** Init code that emits an empty log (PUSH1 0 PUSH1 0 LOG0) and deploys no code. */
    private static final String LOG0_INIT = "0x60006000a0";
    /** The demo history on the shared chain: blocks of two transfers and two token calls (a log each). */
    private static final int DEMO_BLOCKS = 6;
    private static final int DEMO_CALLS_PER_BLOCK = 2;

    /**
     * ERC-20 transfers as the node's eth_getLogs gives them, decoded by {@code abi}. (erc721_transfers
     * and erc1155_transfers are left out: the dev chains have no such tokens; CrawlEventsAnvilTest reads them from Parquet.)
     */
    private static final Dataset ERC20_TRANSFERS = EventDatasets.builtIn(Set.of()).get(0);
    private static final AbiEvent ERC20_TRANSFER =
            Abi.parse("event Transfer(address indexed from, address indexed to, uint256 value)").events().get(0);
    /** The datasets of the stretch with the demo's token calls; the Berlin chain has no token, so no erc20_transfers. */
    private static final List<Dataset> DATASETS = Stream.concat(Dataset.builtIn().stream(), Stream.of(ERC20_TRANSFERS)).toList();

    /** How each dataset's rows follow from the node's answers; a dataset without an entry fails. */
    private static final Map<Dataset, Function<NodeAnswers, List<List<Object>>>> EXPECTED = expected();

    private static DevChain berlinChain;
    private static AnvilConnection connection;
    private static AnvilConnection berlinConnection;
    private static EthClient client;
    private static Stretch latest;
    private static Stretch berlin;
    private static DuckDbParquet duckDb;

    private static Map<Dataset, Function<NodeAnswers, List<List<Object>>>> expected() {
        Map<Dataset, Function<NodeAnswers, List<List<Object>>>> m = new HashMap<>();
        m.put(Dataset.BLOCKS, a -> a.typedRows(Dataset.BLOCKS));
        m.put(Dataset.TRANSACTIONS, a -> a.typedRows(Dataset.TRANSACTIONS));
        m.put(Dataset.RECEIPTS, a -> a.typedRows(Dataset.RECEIPTS));
        m.put(Dataset.LOGS, a -> a.typedRows(Dataset.LOGS));
        for (Dataset d : List.of(Dataset.TRACES, Dataset.CONTRACTS, Dataset.NATIVE_TRANSFERS)) {
            m.put(d, a -> TypedTraceRows.of(a.client(), a.first(), a.last()).rows(d));
        }
        m.put(ERC20_TRANSFERS, NodeAnswers::erc20Transfers);
        return m;
    }

    /**
     * The node's typed answers for the crawled blocks: each block with its transactions and the
     * receipt of each transaction, asked for one by one (the crawl asks for a block's receipts at
     * once), so that no answer is shared with the crawl. The client is there for comparisons that
     * need more of the node.
     */
    record NodeAnswers(EthClient client, long first, long last, List<Block> blocks, List<List<Receipt>> receipts) {
        static NodeAnswers fetch(EthClient client, long first, long last) {
            List<Block> blocks = new ArrayList<>();
            List<List<Receipt>> receipts = new ArrayList<>();
            for (long n = first; n <= last; n++) {
                Block block = Await.result(client.eth().getBlockByNumber(BlockId.number(n), true)).orElseThrow();
                List<Receipt> ofBlock = new ArrayList<>();
                for (Transaction t : block.transactions()) {
                    ofBlock.add(Await.result(client.eth().getTransactionReceipt(t.hash())).orElseThrow());
                }
                blocks.add(block);
                receipts.add(ofBlock);
            }
            return new NodeAnswers(client, first, last, List.copyOf(blocks), List.copyOf(receipts));
        }

        /** The 3-topic Transfer logs of eth_getLogs over the stretch, decoded by the {@code abi} package. */
        List<List<Object>> erc20Transfers() {
            LogFilter filter = LogFilter.builder().fromBlock(BlockId.number(first)).toBlock(BlockId.number(last))
                    .topic(0, ERC20_TRANSFER.topic0()).build();
            List<List<Object>> rows = new ArrayList<>();
            for (Log log : Await.result(client.eth().getLogs(filter))) {
                if (ERC20_TRANSFER.matches(log)) {
                    AbiValues a = ERC20_TRANSFER.decode(log).args();
                    rows.add(List.of(log.blockNumber(), log.blockHash().toHex(),
                            blocks.get((int) (log.blockNumber() - first)).timestamp(), log.transactionIndex(),
                            log.transactionHash().toHex(), log.logIndex(), log.address().toHex(),
                            a.getAddress(0).toHex(), a.getAddress(1).toHex(), a.getBigInteger(2).toString()));
                }
            }
            return rows;
        }

        /** The rows {@link TypedRows} builds from these answers, block after block. */
        List<List<Object>> typedRows(Dataset dataset) {
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < blocks.size(); i++) {
                rows.addAll(TypedRows.of(dataset, blocks.get(i), receipts.get(i)));
            }
            return rows;
        }
    }

    /** A crawled stretch of a chain: its blocks, the node's answers for them and the directory of its files. */
    record Stretch(String name, NodeAnswers answers, Path dir, List<Dataset> datasets) {
        static Stretch crawl(String name, AnvilConnection connection, long first, long last, List<Dataset> datasets)
                throws IOException {
            NodeAnswers answers = NodeAnswers.fetch(EthClient.direct(connection.provider()), first, last);
            Path dir = Files.createTempDirectory(Files.createDirectories(AnvilExtension.workDir().resolve("crawl-tests")),
                    "duckdb-" + name);
            CrawlOptions options = CrawlOptions.of(dir, BlockRangeSpec.parse(first + ":" + last), datasets,
                    OutputFormat.PARQUET).withChunkSize(4); // several files per dataset: the read spans chunks
            Await.result(new Crawler(connection.vertx(), new RpcCaller(connection.provider()), options, p -> { }).run(), 60);
            return new Stretch(name, answers, dir, datasets);
        }
    }

    @BeforeAll
    static void crawlIntoParquet(DevChain chain) throws IOException, SQLException {
        connection = AnvilConnection.open(chain);
        client = EthClient.direct(connection.provider());
        long first = Await.result(client.eth().blockNumber()) + 1;
        sendUnusualTransactions(client, chain.accounts());
        Await.result(new DemoChainSeeder(new RpcCaller(connection.provider()), chain.accounts())
                .seed(DEMO_BLOCKS, 2, DEMO_CALLS_PER_BLOCK), 60);
        mineUntilTheDemoIsIn(client, first);
        latest = Stretch.crawl("latest", connection, first, Await.result(client.eth().blockNumber()), DATASETS);

        berlinChain = DevChain.start(DevChainOptions.in(AnvilExtension.workDir()).withHardfork("berlin"));
        berlinConnection = AnvilConnection.open(berlinChain);
        EthClient berlinClient = EthClient.direct(berlinConnection.provider());
        sendBerlinTransactions(berlinClient, berlinChain.accounts());
        berlin = Stretch.crawl("berlin", berlinConnection, 0, Await.result(berlinClient.eth().blockNumber()),
                Dataset.builtIn());
        duckDb = DuckDbParquet.open();
    }

    /**
     * What the demo history lacks: a value above 2^64 wei, a legacy (type 0) and an access-list
     * (type 1) transaction, a failed creation. (No blob transaction: its KZG proofs take the
     * trusted setup, 25 s on a busy machine.)
     */
    private static void sendUnusualTransactions(EthClient client, List<String> accounts) {
        String gasPrice = Hex.quantity(Await.result(client.eth().gasPrice()).multiply(BigInteger.TWO));
        send(client, tx(accounts.get(1)).put("to", accounts.get(2)).put("value", Hex.quantity(BIG_VALUE)));
        send(client, tx(accounts.get(2)).put("to", accounts.get(3)).put("value", "0x1").put("gasPrice", gasPrice));
        ObjectNode withAccessList = tx(accounts.get(4)).put("to", accounts.get(5)).put("gasPrice", gasPrice);
        withAccessList.putArray("accessList").addObject().put("address", accounts.get(6)).putArray("storageKeys");
        send(client, withAccessList);
        send(client, tx(accounts.get(3)).put("data", REVERTING_INIT).put("gas", Hex.quantity(100_000)));
    }

    /**
     * Before London a node takes only a gas price (anvil fills EIP-1559 fees otherwise, and then
     * refuses them): a transfer, and a creation whose init code emits a log without topics or data.
     */
    private static void sendBerlinTransactions(EthClient client, List<String> accounts) {
        String gasPrice = Hex.quantity(Await.result(client.eth().gasPrice()));
        send(client, tx(accounts.get(0)).put("to", accounts.get(1)).put("value", Hex.quantity(BIG_VALUE)).put("gasPrice", gasPrice));
        send(client, tx(accounts.get(1)).put("data", LOG0_INIT).put("gas", Hex.quantity(100_000)).put("gasPrice", gasPrice));
    }

    /**
     * Mines until every token call of the demo is in a block and the pool is empty: on a busy
     * machine the seeder's bounded draining can end before anvil has admitted all of its sends,
     * which would then be missing from the stretch and land in another test's blocks.
     */
    private static void mineUntilTheDemoIsIn(EthClient client, long first) {
        LogFilter transfers = LogFilter.builder().fromBlock(BlockId.number(first)).toBlock(BlockId.LATEST)
                .topic(0, Hash.of(DemoChainSeeder.TRANSFER_TOPIC)).build();
        Await.until("the demo's token calls mined", () -> {
            boolean in = Await.result(client.eth().getLogs(transfers)).size() >= DEMO_BLOCKS * DEMO_CALLS_PER_BLOCK
                    && Await.result(client.txpool().status()).pending() == 0;
            if (!in) {
                Await.result(client.request("evm_mine"));
            }
            return in;
        }, 10);
    }

    private static ObjectNode tx(String from) {
        return JsonNodeFactory.instance.objectNode().put("from", from);
    }

    private static void send(EthClient client, ObjectNode tx) {
        Mined.receipt(client, Await.result(client.request("eth_sendTransaction", tx)).asText());
    }

    @AfterAll
    static void close() throws Exception {
        if (duckDb != null) {
            duckDb.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {connection, berlinConnection, berlinChain}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void theStretchesHaveTheValuesWorthReadingBack() {
        NodeAnswers answers = latest.answers();
        List<List<Object>> txs = answers.typedRows(Dataset.TRANSACTIONS);
        List<List<Object>> receipts = answers.typedRows(Dataset.RECEIPTS);
        assertTrue(txs.stream().anyMatch(r -> BIG_VALUE.toString().equals(value(r, Dataset.TRANSACTIONS, "value"))),
                "a value above 2^64 wei");
        assertTrue(txs.stream().anyMatch(r -> value(r, Dataset.TRANSACTIONS, "to_address") == null), "a creation");
        assertTrue(txs.stream().anyMatch(r -> Long.valueOf(0).equals(value(r, Dataset.TRANSACTIONS, "type"))
                && value(r, Dataset.TRANSACTIONS, "max_fee_per_gas") == null), "a legacy transaction");
        assertTrue(receipts.stream().anyMatch(r -> Long.valueOf(0).equals(value(r, Dataset.RECEIPTS, "status"))), "a failure");
        assertTrue(txs.stream().anyMatch(r -> Long.valueOf(1).equals(value(r, Dataset.TRANSACTIONS, "type"))), "type 1");
        assertTrue(answers.typedRows(Dataset.LOGS).size() >= DEMO_BLOCKS * DEMO_CALLS_PER_BLOCK, "the demo's token calls");
        // the receipts' logs are the logs eth_getLogs reports for the stretch
        List<Log> fromReceipts = answers.receipts().stream().flatMap(List::stream).flatMap(r -> r.logs().stream())
                .map(DuckDbReadBackTest::withoutTimestamp).toList();
        List<Log> fromFilter = Await.result(client.eth().getLogs(LogFilter.builder().fromBlock(BlockId.number(answers.first()))
                .toBlock(BlockId.number(answers.last())).build())).stream().map(DuckDbReadBackTest::withoutTimestamp).toList();
        assertEquals(fromReceipts, fromFilter);
        assertTrue(berlin.answers().typedRows(Dataset.BLOCKS).stream()
                .allMatch(r -> value(r, Dataset.BLOCKS, "base_fee_per_gas") == null), "berlin: blocks without a base fee");
        assertTrue(berlin.answers().typedRows(Dataset.LOGS).stream()
                .anyMatch(r -> value(r, Dataset.LOGS, "topic0") == null), "berlin: a log without topics");
    }

    /** Receipts may carry a log's block timestamp where eth_getLogs does not: not what is compared here. */
    private static Log withoutTimestamp(Log l) {
        return new Log(l.address(), l.topics(), l.data(), l.blockNumber(), l.blockHash(), l.transactionHash(),
                l.transactionIndex(), l.logIndex(), l.removed(), null);
    }

    @TestFactory
    Stream<DynamicTest> everyDatasetReadsBackAsTheNodeAnsweredIt() {
        return Stream.of(latest, berlin).flatMap(stretch -> stretch.datasets().stream().map(d ->
                DynamicTest.dynamicTest(d.wireName() + " (" + stretch.name() + ")", () -> {
                    Function<NodeAnswers, List<List<Object>>> expected = EXPECTED.get(d);
                    if (expected == null) {
                        fail("dataset " + d.wireName() + " has no comparison: add how its rows follow from the node's"
                                + " answers to DuckDbReadBackTest.EXPECTED");
                    }
                    String what = d.wireName() + " (" + stretch.name() + ")";
                    assertEquals(duckDbColumns(d), duckDb.schema(stretch.dir(), d), what + ": the columns DuckDB sees");
                    List<List<Object>> want = expected.apply(stretch.answers());
                    assertTrue(!want.isEmpty(), what + " has rows");
                    assertRowsEqual(d, want, duckDb.rows(stretch.dir(), d));
                })));
    }

    @Test
    void aCorruptedExpectedValueFailsTheComparisonNamingRowAndColumn() throws SQLException {
        List<List<Object>> want = new ArrayList<>(latest.answers().typedRows(Dataset.TRANSACTIONS));
        int row = indexOf(want, r -> BIG_VALUE.toString().equals(value(r, Dataset.TRANSACTIONS, "value")));
        List<Object> corrupted = new ArrayList<>(want.get(row));
        corrupted.set(columnIndex(Dataset.TRANSACTIONS, "value"), BIG_VALUE.add(BigInteger.ONE).toString());
        want.set(row, corrupted);
        List<List<Object>> got = duckDb.rows(latest.dir(), Dataset.TRANSACTIONS);
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> assertRowsEqual(Dataset.TRANSACTIONS, want, got));
        assertTrue(e.getMessage().startsWith("transactions row " + row + " value"), e.getMessage());
    }

    /** The names and DuckDB types that {@link Dataset#columns()} promise, in file order. */
    private static Map<String, String> duckDbColumns(Dataset dataset) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Column c : dataset.columns()) {
            columns.put(c.name(), switch (c.type()) {
                case INT64 -> "BIGINT";
                case HEX, DECIMAL, STRING, JSON -> "VARCHAR"; // 256-bit values stay lossless decimal strings
                case BOOLEAN -> "BOOLEAN";
            });
        }
        return columns;
    }

    private static void assertRowsEqual(Dataset dataset, List<List<Object>> want, List<List<Object>> got) {
        assertEquals(want.size(), got.size(), dataset.wireName() + ": rows");
        List<Column> columns = dataset.columns();
        for (int i = 0; i < want.size(); i++) {
            for (int c = 0; c < columns.size(); c++) {
                Object w = want.get(i).get(c);
                Object g = got.get(i).get(c);
                String where = dataset.wireName() + " row " + i + " " + columns.get(c).name();
                // the type as well as the value: a Long must not come back as the string of its digits
                assertEquals(w == null ? null : w.getClass(), g == null ? null : g.getClass(), where + " (type)");
                assertEquals(w, g, where);
            }
        }
    }

    private static Object value(List<Object> row, Dataset dataset, String column) {
        return row.get(columnIndex(dataset, column));
    }

    private static int columnIndex(Dataset dataset, String column) {
        List<Column> columns = dataset.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(dataset.wireName() + " has no column " + column);
    }

    private static int indexOf(List<List<Object>> rows, Predicate<List<Object>> test) {
        for (int i = 0; i < rows.size(); i++) {
            if (test.test(rows.get(i))) {
                return i;
            }
        }
        throw new AssertionError("no such row");
    }
}
