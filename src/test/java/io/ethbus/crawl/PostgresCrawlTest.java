package io.ethbus.crawl;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.crawl.postgres.PgPass;
import io.ethbus.crawl.postgres.PostgresChunkSink;
import io.ethbus.crawl.postgres.PostgresConnector;
import io.ethbus.crawl.postgres.PostgresUrl;
import io.ethbus.eth.Block;
import io.ethbus.eth.EthCalls;
import io.ethbus.eth.Receipt;
import io.ethbus.primitives.BlockId;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.JsonlRows;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.PostgresExtension;
import io.ethbus.testsupport.PostgresServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Crawls a small seeded anvil chain of its own into a real PostgreSQL and checks the tables against the node. */
@ExtendWith(PostgresExtension.class)
class PostgresCrawlTest {
    /** The datasets of blocks and receipts (the trace datasets have tests of their own). */
    private static final List<Dataset> ALL = List.of(Dataset.BLOCKS, Dataset.TRANSACTIONS, Dataset.RECEIPTS, Dataset.LOGS);
    private static SeededChain seeded;
    private static Vertx vertx;
    private static RpcCaller caller;
    private static long head;

    @BeforeAll
    static void seed() {
        seeded = SeededChain.start();
        vertx = seeded.vertx();
        caller = seeded.caller();
        head = seeded.head();
    }

    @AfterAll
    static void stop() {
        seeded.close();
    }

    static ChunkSink sink(PostgresServer pg, String database) {
        return new PostgresChunkSink(PostgresConnector.of(PostgresUrl.parse(pg.url(database))));
    }

    private static CrawlOptions options(int chunkSize) {
        // the directory is not used: the chunks go to the database
        return CrawlOptions.of(AnvilExtension.workDir().resolve("pg-unused"), BlockRangeSpec.parse("0:" + head), ALL,
                OutputFormat.JSONL).withChunkSize(chunkSize);
    }

    private static CrawlSummary crawl(CrawlOptions options, ChunkSink sink) {
        return Await.result(new Crawler(vertx, caller, options, sink, null, p -> { }).run(), 60);
    }

    private static List<List<Object>> select(PostgresServer pg, String database, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = pg.connect(database); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    Object v = r.getObject(i);
                    row.add(v instanceof java.math.BigDecimal d ? d.toPlainString() : v);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static String columnList(Dataset d) {
        return String.join(", ", d.columns().stream().map(c -> "\"" + c.name() + "\"").toList());
    }

    private static String orderBy(Dataset d) {
        if (d.equals(Dataset.BLOCKS)) {
            return "block_number";
        }
        return d.equals(Dataset.LOGS) ? "block_number, log_index" : "block_number, transaction_index";
    }

    private static long count(PostgresServer pg, String db, String table) throws SQLException {
        return ((Number) select(pg, db, "SELECT count(*) FROM " + table).get(0).get(0)).longValue();
    }

    @Test
    void everyTableRowEqualsTheTypedDecodingOfTheNodesAnswers(PostgresServer pg) throws Exception {
        String db = pg.createDatabase("crawl_typed");
        CrawlSummary s = crawl(options(10).withBatchSize(3), sink(pg, db));
        assertEquals((int) (head / 10 + 1), s.chunksWritten());
        for (Dataset d : ALL) {
            List<List<Object>> expected = new ArrayList<>();
            for (long n = 0; n <= head; n++) {
                Block block = Await.result(caller.call(EthCalls.getBlockByNumber(BlockId.number(n), true))).orElseThrow();
                List<Receipt> receipts = Await.result(caller.call(EthCalls.getBlockReceipts(BlockId.number(n)))).orElseThrow();
                expected.addAll(TypedRows.of(d, block, receipts));
            }
            List<List<Object>> actual = select(pg, db, "SELECT " + columnList(d) + " FROM " + d.wireName()
                    + " ORDER BY " + orderBy(d));
            assertEquals(expected.size(), actual.size(), d.wireName());
            assertTrue(expected.size() > 25, d.wireName() + " has rows");
            assertEquals(expected.size(), s.rows().get(d.wireName()), d.wireName() + " rows counted");
            for (int i = 0; i < expected.size(); i++) {
                for (int c = 0; c < d.columns().size(); c++) {
                    assertEquals(expected.get(i).get(c), actual.get(i).get(c),
                            d.wireName() + " row " + i + " " + d.columns().get(c).name());
                }
            }
            assertEquals(head / 10 + 1, count(pg, db, "ethbus_chunks WHERE dataset = '" + d.wireName() + "'"));
        }
        // each timestamp also as a timestamptz, the same instant
        assertEquals(0, count(pg, db, "blocks WHERE timestamp_tz IS NULL OR extract(epoch FROM timestamp_tz) <> timestamp"));
        assertEquals(0, count(pg, db, "logs WHERE extract(epoch FROM block_timestamp_tz) <> block_timestamp"));
        assertEquals(1, count(pg, db, "ethbus_runs"));
    }

    /**
     * Crawls {@code datasets} over the chain into database {@code db} and into JSONL files; the
     * files' directory. The file crawl is the reference: other tests check it against the chain.
     */
    private static Path crawlIntoBoth(PostgresServer pg, String db, List<Dataset> datasets) {
        Path files = AnvilExtension.workDir().resolve(db + "-" + System.nanoTime());
        CrawlOptions options = CrawlOptions.of(files, BlockRangeSpec.parse("0:" + head), datasets, OutputFormat.JSONL)
                .withChunkSize(10);
        crawl(options, sink(pg, db));
        crawl(options, new FileChunkSink(files, OutputFormat.JSONL));
        return files;
    }

    /** The rows of {@code d}'s files and of its table, each as one line of text, sorted; asserts they are equal. */
    private static int assertTableHoldsTheFileRows(PostgresServer pg, String db, Path files, Dataset d) throws Exception {
        List<String> expected = new ArrayList<>();
        for (JsonNode row : JsonlRows.read(files, d.wireName() + "__")) {
            expected.add(String.join("|", d.columns().stream().map(c -> row.path(c.name()).isNull() ? "null"
                    : row.path(c.name()).asText()).toList()));
        }
        List<String> actual = new ArrayList<>();
        for (List<Object> row : select(pg, db, "SELECT " + columnList(d) + " FROM " + d.wireName())) {
            actual.add(String.join("|", row.stream().map(String::valueOf).toList()));
        }
        assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), d.wireName());
        return expected.size();
    }

    @Test
    void traceDatasetsFillTheirTablesAsTheFilesHoldThem(PostgresServer pg) throws Exception {
        String db = pg.createDatabase("crawl_traces");
        List<Dataset> traced = List.of(Dataset.TRACES, Dataset.CONTRACTS, Dataset.NATIVE_TRANSFERS);
        Path files = crawlIntoBoth(pg, db, traced);
        for (Dataset d : traced) {
            assertTableHoldsTheFileRows(pg, db, files, d);
        }
        assertTrue(count(pg, db, "traces") > 25, "every transaction has at least its own frame");
    }

    @Test
    void decodedEventDatasetsFillTheirTablesAsTheFilesHoldThem(PostgresServer pg) throws Exception {
        String db = pg.createDatabase("crawl_events");
        Dataset erc20 = EventDatasets.builtIn(Set.of()).stream().filter(d -> d.wireName().equals("erc20_transfers")).findFirst().orElseThrow();
        // a string, a bool and a tuple: the STRING, BOOLEAN and JSON column types
        Dataset shaped = EventDatasets.of(List.of("event Shaped(string note, bool ok, (uint8 a, address b) pair)"), List.of(), Set.of()).get(0);
        Path files = crawlIntoBoth(pg, db, List.of(erc20, shaped));
        int transfers = assertTableHoldsTheFileRows(pg, db, files, erc20);
        assertTrue(transfers > 10, "the seeded chain's token transfers: " + transfers);
        // the table of an event no log carries exists, with its columns' types
        assertEquals(List.of(List.of("text"), List.of("boolean"), List.of("jsonb")), select(pg, db,
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + shaped.wireName()
                        + "'::regclass AND attname IN ('note', 'ok', 'pair') ORDER BY attnum"));
    }

    @Test
    void aRerunSkipsRecordedChunksAndOverwriteReplacesThem(PostgresServer pg) throws Exception {
        String db = pg.createDatabase("crawl_rerun");
        CrawlSummary first = crawl(options(10), sink(pg, db));
        List<List<Object>> blocks = select(pg, db, "SELECT * FROM blocks ORDER BY block_number");
        long logs = count(pg, db, "logs");

        CrawlSummary again = crawl(options(10), sink(pg, db));
        assertEquals(0, again.chunksWritten(), "every chunk is recorded: " + again);
        assertEquals(first.chunksWritten(), again.chunksSkipped());
        assertEquals(0L, again.blocksFetched(), "nothing fetched: " + again);

        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("UPDATE blocks SET miner = '0xbad' WHERE block_number = 3");
        }
        CrawlSummary redone = crawl(options(10).withOverwrite(true), sink(pg, db));
        assertEquals(first.chunksWritten(), redone.chunksWritten());
        assertEquals(blocks, select(pg, db, "SELECT * FROM blocks ORDER BY block_number"), "replaced, once each");
        assertEquals(logs, count(pg, db, "logs"));
        assertEquals(first.chunksWritten() * 4L, count(pg, db, "ethbus_chunks"), "one record per chunk and dataset");
    }

    @Test
    void aChunkWhoseCopyFailsHalfwayLeavesNothing(PostgresServer pg) throws Exception {
        String db = pg.createDatabase("crawl_abort");
        ChunkSink sink = sink(pg, db);
        sink.prepare(ALL);
        // the logs, copied last in the chunk's transaction, fail after the other datasets went in
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$");
            st.execute("CREATE TRIGGER refuse BEFORE INSERT ON logs FOR EACH ROW EXECUTE FUNCTION refuse()");
        }
        Throwable failure = Await.failure(new Crawler(vertx, caller, options(1000), sink, null, p -> { }).run());
        assertTrue(failure.getMessage().contains("disk on fire"), failure.toString());
        for (String table : List.of("blocks", "transactions", "receipts", "logs", "ethbus_chunks")) {
            assertEquals(0, count(pg, db, table), table + " holds nothing of the chunk");
        }
    }

    @Test
    void aTableWithOtherColumnsIsBadInputAndNothingIsCreated(PostgresServer pg) throws Exception {
        String db = pg.createDatabase("crawl_columns");
        try (Connection c = pg.connect(db); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE transactions (block_number bigint, hash text)");
        }
        Throwable failure = Await.failure(new Crawler(vertx, caller, options(10), sink(pg, db), null, p -> { }).run());
        assertTrue(failure instanceof CrawlConfigException, failure.toString());
        assertTrue(failure.getMessage().contains("table transactions") && failure.getMessage().contains("other columns"),
                failure.getMessage());
        assertEquals(List.of(List.of("transactions")), select(pg, db,
                "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"), "nothing else created");
    }

    @Test
    void aRefusedLoginIsBadInputAndTheMessageHoldsNoPassword(PostgresServer pg) throws Exception {
        PostgresUrl url = PostgresUrl.parse("postgresql://" + PostgresServer.PASSWORD_USER + "@127.0.0.1:" + pg.port()
                + "/ethbus_pw");
        String wrong = "wrong-" + PostgresServer.PASSWORD;
        Throwable failure = Await.failure(new Crawler(vertx, caller, options(10),
                new PostgresChunkSink(new PostgresConnector(url, Optional.of(wrong))), null, p -> { }).run());
        assertTrue(failure instanceof CrawlConfigException, failure.toString());
        assertTrue(failure.getMessage().contains("password authentication failed"), failure.getMessage());
        assertFalse(failure.getMessage().contains(wrong), failure.getMessage());

        // the right password, from a .pgpass file, logs in and crawls
        Path pgpass = Files.createTempFile(AnvilExtension.workDir(), "pgpass", "");
        Files.writeString(pgpass, "# comment\nother:*:*:*:nope\n127.0.0.1:" + pg.port() + ":*:"
                + PostgresServer.PASSWORD_USER + ":" + PostgresServer.PASSWORD + "\n");
        Optional<String> found = PgPass.find(url, Map.of("PGPASSFILE", pgpass.toString()), Path.of("/nonexistent"));
        assertEquals(Optional.of(PostgresServer.PASSWORD), found);
        CrawlSummary s = crawl(CrawlOptions.of(AnvilExtension.workDir().resolve("pg-unused"),
                BlockRangeSpec.parse("0:" + head), List.of(Dataset.BLOCKS), OutputFormat.JSONL).withChunkSize(10), new PostgresChunkSink(new PostgresConnector(url, found)));
        assertEquals(head + 1, s.rows().get("blocks"));
    }

    @Test
    void aRefusedConnectionIsBadInput() throws IOException {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        ChunkSink sink = new PostgresChunkSink(PostgresConnector.of(PostgresUrl.parse(
                "postgresql://ethbus@127.0.0.1:" + closed + "/nothing")));
        Throwable failure = Await.failure(new Crawler(vertx, caller, options(10), sink, null, p -> { }).run());
        assertTrue(failure instanceof CrawlConfigException, failure.toString());
        assertTrue(failure.getMessage().contains("cannot use postgresql://ethbus@127.0.0.1:" + closed + "/nothing"),
                failure.getMessage());
    }
}
