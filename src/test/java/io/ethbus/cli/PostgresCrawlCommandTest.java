package io.ethbus.cli;

import io.ethbus.devchain.DevChain;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.PostgresExtension;
import io.ethbus.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ethbus crawl --out postgresql://...}: a crawl into the database, and bad input as exit code 2. */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class PostgresCrawlCommandTest {
    private static long tables(PostgresServer pg, String db) throws SQLException {
        return count(pg, db, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
    }

    @Test
    void crawlsIntoTheDatabaseAndDryTouchesNothing(DevChain chain, PostgresServer pg) throws SQLException {
        String db = pg.createDatabase("cli_crawl");
        CommandRun dry = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:0", "--out", pg.url(db), "--dry");
        assertEquals(0, dry.exitCode(), dry.err());
        assertTrue(dry.out().contains("into " + pg.url(db)), dry.out());
        assertEquals(0, tables(pg, db), "--dry creates no table");

        CommandRun crawl = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:0", "--out", pg.url(db));
        assertEquals(0, crawl.exitCode(), crawl.err());
        assertTrue(crawl.out().contains("crawled blocks 0:0 into " + pg.url(db)), crawl.out());
        try (Connection c = pg.connect(db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM blocks WHERE block_number = 0")) {
            r.next();
            assertEquals(1, r.getLong(1));
        }
    }

    private static long count(PostgresServer pg, String db, String query) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void dryReadsTheDatabaseToTellItsTablesAndTheChunksItWouldSkipOrWrite(DevChain chain, PostgresServer pg) throws SQLException {
        CommandRun mined = CommandRun.of("call", "anvil_mine", "\"0x4\"", "--rpc", chain.httpUrl());
        assertEquals(0, mined.exitCode(), mined.err());
        String db = pg.createDatabase("cli_dry");
        List<String> dry = List.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:3", "--chunk-size", "2",
                "--datasets", "blocks,transactions", "--out", pg.url(db), "--dry");
        CommandRun fresh = CommandRun.of(dry.toArray(String[]::new));
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertTrue(fresh.out().contains("table blocks: to be created"), fresh.out());
        assertTrue(fresh.out().contains("table transactions: to be created"), fresh.out());
        assertTrue(fresh.out().contains("ethbus_chunks: to be created (no chunk recorded)"), fresh.out());
        assertTrue(fresh.out().contains("chunks: 0 recorded in ethbus_chunks (skipped), 2 to write"), fresh.out());
        assertTrue(fresh.out().contains("to write: blocks 0..3 (2 chunks)"), fresh.out());
        assertFalse(fresh.out().contains(".jsonl"), "no file names: " + fresh.out());
        assertEquals(0, tables(pg, db), "--dry creates no table");

        CommandRun crawl = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:1", "--chunk-size", "2",
                "--datasets", "blocks,transactions", "--out", pg.url(db));
        assertEquals(0, crawl.exitCode(), crawl.err());
        long tablesBefore = tables(pg, db);
        long recordsBefore = count(pg, db, "SELECT count(*) FROM ethbus_chunks");
        CommandRun after = CommandRun.of(dry.toArray(String[]::new));
        assertEquals(0, after.exitCode(), after.err());
        assertTrue(after.out().contains("table blocks: exists, with the dataset's columns"), after.out());
        assertTrue(after.out().contains("ethbus_chunks: exists"), after.out());
        assertTrue(after.out().contains("chunks: 1 recorded in ethbus_chunks (skipped), 1 to write"), after.out());
        assertTrue(after.out().contains("recorded, skipped: blocks 0..1 (1 chunk)"), after.out());
        assertTrue(after.out().contains("to write: blocks 2..3 (1 chunk)"), after.out());
        List<String> overwrite = new java.util.ArrayList<>(dry);
        overwrite.add("--overwrite");
        CommandRun over = CommandRun.of(overwrite.toArray(String[]::new));
        assertEquals(0, over.exitCode(), over.err());
        assertTrue(over.out().contains("chunks: 0 recorded in ethbus_chunks (skipped), 2 to write"), over.out());
        assertTrue(over.out().contains("to write over what is recorded: blocks 0..1 (1 chunk)"), over.out());
        assertEquals(tablesBefore, tables(pg, db), "--dry creates no table");
        assertEquals(recordsBefore, count(pg, db, "SELECT count(*) FROM ethbus_chunks"), "--dry records nothing");
        assertEquals(2, count(pg, db, "SELECT count(*) FROM blocks"), "--dry --overwrite deletes nothing");

        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute("DROP TABLE transactions");
            s.execute("CREATE TABLE transactions (x integer)");
        }
        CommandRun conflict = CommandRun.of(dry.toArray(String[]::new));
        assertEquals(2, conflict.exitCode(), conflict.out() + conflict.err());
        assertTrue(conflict.out().contains("table transactions: exists with other columns: the crawl would stop"), conflict.out());
        assertTrue(conflict.err().contains("table transactions in " + pg.url(db) + " exists with other columns"), conflict.err());
        assertEquals(1, count(pg, db, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'transactions'"),
                "the table is left as it was");
    }

    @Test
    void anUnreachableDatabaseIsExitTwoBeforeAnyBlock(DevChain chain) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        CommandRun run = CommandRun.of("crawl", "--rpc", chain.httpUrl(), "--blocks", "0:0", "--out",
                "postgresql://ethbus@127.0.0.1:" + closed + "/nothing");
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains("cannot use postgresql://ethbus@127.0.0.1:" + closed + "/nothing"), run.err());
        assertFalse(run.out().contains("crawled"), run.out());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutBeingPrinted() {
        CommandRun run = CommandRun.of("crawl", "--blocks", "0:0", "--out", "postgresql://ethbus:hunter2@127.0.0.1:5432/db", "--dry");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("PGPASSWORD"), run.err());
        assertFalse((run.out() + run.err()).contains("hunter2"), run.err());
    }
}
