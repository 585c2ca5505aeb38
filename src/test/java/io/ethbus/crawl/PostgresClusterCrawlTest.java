package io.ethbus.crawl;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.ethbus.testsupport.ChildJvm;
import io.ethbus.testsupport.LocalCluster;
import io.ethbus.testsupport.PostgresExtension;
import io.ethbus.testsupport.PostgresServer;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three {@code ethbus crawl --cluster} members in child JVMs crawl one range into one
 * PostgreSQL database; one is killed (kill -9) in the middle, its chunk under way with it. The
 * others take its chunks over: {@code ethbus_chunks} records every chunk once, and the tables
 * hold every block and transaction once.
 */
@ExtendWith(PostgresExtension.class)
class PostgresClusterCrawlTest {
    private static final int LAST_BLOCK = 119;
    private static final int CHUNK = 10;
    private static final Pattern CRAWLING = Pattern.compile("ethbus crawl: [1-9]\\d*/\\d+ blocks");

    @Test
    void membersShareOneDatabaseAndAKilledMembersChunksAreTakenOver(PostgresServer pg) throws Exception {
        Path work = Files.createDirectories(AnvilExtension.workDir().resolve("pg-cluster"));
        String db = pg.createDatabase("crawl_cluster");
        Vertx vertx = Vertx.vertx();
        List<ChildJvm> members = new ArrayList<>();
        try (DevChain chain = DevChain.start(DevChainOptions.in(work))) {
            HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
            RpcCaller caller = new RpcCaller(provider);
            long txs = GrowingChain.seedUpTo(chain, caller, 12, LAST_BLOCK);
            List<String> jvmArgs = LocalCluster.memberProperties(LocalCluster.freshOptions());
            for (int i = 1; i <= 3; i++) {
                members.add(ChildJvm.start("pg-crawl-member-" + i, "io.ethbus.cli.EthbusCommand", jvmArgs,
                        List.of("crawl", "--cluster", "--rpc", chain.httpUrl(), "--blocks", "0:" + LAST_BLOCK,
                                "--datasets", "blocks,transactions", "--chunk-size", "" + CHUNK, "--max-rps", "12",
                                "--concurrency", "1", "--batch-size", "2", "--lease-seconds", "3", "--out", pg.url(db))));
            }
            for (ChildJvm m : members) {
                m.awaitLine(CRAWLING, Duration.ofSeconds(120));
            }
            ChildJvm victim = members.stream().filter(m -> m.isAlive() && !m.tail().contains("crawled blocks"))
                    .findFirst().orElseThrow(() -> new AssertionError("every member finished before one could be killed"));
            victim.kill();
            for (ChildJvm m : members.stream().filter(m -> m != victim).toList()) {
                m.awaitLine(Pattern.compile("crawled blocks 0:" + LAST_BLOCK), Duration.ofSeconds(120));
            }
            try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
                for (String dataset : List.of("blocks", "transactions")) {
                    List<String> recorded = new ArrayList<>();
                    try (ResultSet r = s.executeQuery("SELECT first_block, last_block FROM ethbus_chunks WHERE dataset = '"
                            + dataset + "' ORDER BY first_block")) {
                        while (r.next()) {
                            recorded.add(r.getLong(1) + ".." + r.getLong(2));
                        }
                    }
                    List<String> expected = new ArrayList<>();
                    for (long first = 0; first <= LAST_BLOCK; first += CHUNK) {
                        expected.add(first + ".." + (first + CHUNK - 1));
                    }
                    assertEquals(expected, recorded, dataset + ": every chunk recorded once");
                }
                try (ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT block_number), min(block_number), "
                        + "max(block_number) FROM blocks")) {
                    r.next();
                    assertEquals(List.of((long) LAST_BLOCK + 1, (long) LAST_BLOCK + 1, 0L, (long) LAST_BLOCK),
                            List.of(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4)));
                }
                try (ResultSet r = s.executeQuery("SELECT count(*) FROM transactions")) {
                    r.next();
                    assertTrue(txs > 20, "the chain has transactions: " + txs);
                    assertEquals(txs, r.getLong(1));
                }
            }
            provider.close();
        } finally {
            members.forEach(ChildJvm::close);
            Await.result(vertx.close());
        }
    }
}
