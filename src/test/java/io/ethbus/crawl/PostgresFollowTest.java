package io.ethbus.crawl;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.primitives.Hex;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.Forks;
import io.ethbus.testsupport.PostgresExtension;
import io.ethbus.testsupport.PostgresServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * --follow without a reorg buffer into PostgreSQL: a reorganisation below blocks already in
 * the tables is repaired there (the orphaned blocks' rows replaced by the new chain's in one
 * transaction), and the crawl goes on; afterwards every row of every table is of the
 * canonical chain.
 */
@ExtendWith(PostgresExtension.class)
class PostgresFollowTest {
    private static final int ORPHANS = 3;
    private static final List<String> TABLES = List.of("blocks", "transactions", "receipts", "logs");

    @Test
    void aReorgBelowWrittenBlocksIsRepairedInTheTables(PostgresServer pg) throws Exception {
        Path work = Files.createDirectories(AnvilExtension.workDir().resolve("pg-follow"));
        String db = pg.createDatabase("crawl_follow");
        Vertx vertx = Vertx.vertx();
        try (DevChain chain = DevChain.start(DevChainOptions.in(work))) {
            HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
            RpcCaller caller = new RpcCaller(provider);
            GrowingChain.mine(caller, 20);
            CrawlOptions options = CrawlOptions.of(work, BlockRangeSpec.parse("0:"), List.of(Dataset.BLOCKS, Dataset.TRANSACTIONS, Dataset.RECEIPTS, Dataset.LOGS),
                            OutputFormat.JSONL)
                    .withChunkSize(1)
                    .withFollow(true, 0, Duration.ofMillis(40));
            Crawler crawler = new Crawler(vertx, caller, options, PostgresCrawlTest.sink(pg, db), null, p -> { });
            Future<CrawlSummary> run = crawler.run();
            GrowingChain.mineOneByOne(caller, 5);
            GrowingChain.Branch branch = GrowingChain.branchToOrphan(chain, caller, ORPHANS);
            long forkPoint = branch.forkPoint();
            Await.until("the blocks about to be orphaned in the table",
                    () -> stored(pg, db, forkPoint + ORPHANS), 20);
            Map<Long, String> before = storedHashes(pg, db);

            Forks.revertAndFork(caller, branch.snapshot(), 6);
            GrowingChain.mineOneByOne(caller, 5);
            long last = GrowingChain.head(caller);
            Await.until("the new chain in the table", () -> stored(pg, db, last), 30);
            crawler.stop();
            Await.result(run, 30);

            assertNotEquals(GrowingChain.canonicalHash(caller, forkPoint + 1), before.get(forkPoint + 1),
                    "an orphaned block had reached the table");
            Map<Long, String> canonical = new HashMap<>();
            for (long n = 0; n <= last; n++) {
                canonical.put(n, GrowingChain.canonicalHash(caller, n));
            }
            assertEquals(canonical, storedHashes(pg, db), "blocks: every block once, each canonical");
            for (String table : TABLES) {
                for (List<Object> row : select(pg, db, "SELECT block_number, block_hash FROM " + table)) {
                    assertEquals(canonical.get((Long) row.get(0)), row.get(1), table + " row of block " + row.get(0));
                }
            }
            long txs = 0;
            for (long n = 0; n <= last; n++) {
                txs += Await.result(caller.request("eth_getBlockByNumber", Hex.quantity(n), false)).get("transactions").size();
            }
            assertEquals(txs, select(pg, db, "SELECT * FROM transactions").size(), "transactions of the canonical chain");
            assertEquals(txs, select(pg, db, "SELECT * FROM receipts").size(), "receipts of the canonical chain");
            for (String dataset : TABLES) {
                // the repair is one chunk over the orphaned blocks and the new ones after them: records tile the chain
                long next = 0;
                for (List<Object> r : select(pg, db, "SELECT first_block, last_block FROM ethbus_chunks WHERE dataset = '"
                        + dataset + "' ORDER BY first_block")) {
                    assertEquals(next, r.get(0), dataset + ": chunk records without gap or overlap");
                    next = (Long) r.get(1) + 1;
                }
                assertEquals(last + 1, next, dataset + ": chunk records up to the head");
            }
            provider.close();
        } finally {
            Await.result(vertx.close());
        }
    }

    private static boolean stored(PostgresServer pg, String db, long block) {
        try {
            return storedHashes(pg, db).containsKey(block);
        } catch (SQLException e) {
            return false; // the tables are not there yet
        }
    }

    private static Map<Long, String> storedHashes(PostgresServer pg, String db) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        for (List<Object> row : select(pg, db, "SELECT block_number, block_hash FROM blocks")) {
            out.put((Long) row.get(0), (String) row.get(1));
        }
        return out;
    }

    private static List<List<Object>> select(PostgresServer pg, String db, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = pg.connect(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }



}
