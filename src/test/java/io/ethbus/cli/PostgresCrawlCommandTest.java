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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ethbus crawl --out postgresql://...}: a crawl into the database, and bad input as exit code 2. */
@ExtendWith({AnvilExtension.class, PostgresExtension.class})
class PostgresCrawlCommandTest {
    private static long tables(PostgresServer pg, String db) throws SQLException {
        try (Connection c = pg.connect(db); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            r.next();
            return r.getLong(1);
        }
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
