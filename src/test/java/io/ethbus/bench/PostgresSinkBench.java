package io.ethbus.bench;

import io.ethbus.crawl.Chunk;
import io.ethbus.crawl.ChunkOutput;
import io.ethbus.crawl.ChunkSink;
import io.ethbus.crawl.Column;
import io.ethbus.crawl.Dataset;
import io.ethbus.crawl.Row;
import io.ethbus.crawl.postgres.PostgresChunkSink;
import io.ethbus.crawl.postgres.PostgresConnector;
import io.ethbus.crawl.postgres.PostgresUrl;
import io.ethbus.testsupport.PostgresServer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Rows per second into PostgreSQL: the crawl's COPY sink ({@link PostgresChunkSink}, one
 * transaction per chunk) against the way ethereum-etl's PostgreSQL exporter writes, same rows,
 * same server (started as the tests start it). ethereum-etl ({@code postgres_item_exporter.py},
 * {@code postgres_utils.py}) builds for each table an {@code INSERT ... ON CONFLICT (primary key)
 * DO UPDATE SET} every other column {@code = EXCLUDED.}column, runs it with SQLAlchemy's
 * executemany over the rows of an export batch and commits after each item type; SQLAlchemy 2
 * with psycopg2 sends such an executemany as multi-row {@code VALUES} of 1,000 rows a statement
 * (its {@code insertmanyvalues_page_size}). The baseline does exactly that: per chunk and
 * dataset one transaction of 1,000-row upserts. (With pg8000 or SQLAlchemy 1.3 it is one
 * statement per row, slower still: the baseline is ethereum-etl's best case.)
 *
 * <p>Rows are made up with the crawl's columns (random hashes and addresses, 68-byte call
 * data), before the clock runs; no node involved. After a warm-up, {@code --rounds} rounds
 * each run both paths into fresh databases, in alternating order, so that the machine's other
 * load falls on both. Each pass reports wall time and CPU time: this thread's (the sink works
 * on the calling thread) plus the server's ({@link ServerCpu}); the ratios compare each path's
 * fastest pass and its leanest in CPU. Not a test:
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.PostgresSinkBench -Dexec.args="--blocks 1000 --txs 100"</pre>
 *
 * Options: {@code --blocks N} (1000), {@code --txs N} per block (100), {@code --rounds N} (2).
 */
public final class PostgresSinkBench {
    private static final int CHUNK = 100;
    /** Rows per INSERT statement: SQLAlchemy's insertmanyvalues page size, ethereum-etl's batch. */
    private static final int INSERT_ROWS = 1000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PostgresSinkBench() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = 1000;
        int txs = 100;
        int rounds = 2;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
                case "--txs" -> txs = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Dataset> datasets = List.of(Dataset.BLOCKS, Dataset.TRANSACTIONS, Dataset.RECEIPTS, Dataset.LOGS);
        try (PostgresServer pg = PostgresServer.start()) {
            ServerCpu server = new ServerCpu(pg.pid());
            // warm-up: both paths once on a few blocks, in a database of their own
            write(pg, server, "warm_copy", datasets, 20, txs, true);
            write(pg, server, "warm_insert", datasets, 20, txs, false);
            System.out.printf(Locale.ROOT, "%,d blocks x %d transactions (blocks, transactions, receipts, logs), chunks of %d "
                    + "blocks, %d rounds, %d cores%n", blocks, txs, CHUNK, rounds, Runtime.getRuntime().availableProcessors());
            List<Result> copies = new ArrayList<>();
            List<Result> inserts = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                for (boolean copy : r % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    Result res = write(pg, server, copy ? "bench_copy" : "bench_insert", datasets, blocks, txs, copy);
                    (copy ? copies : inserts).add(res);
                    System.out.printf(Locale.ROOT, "  %-34s %s%n", copy ? "COPY sink (ethbus)" : "INSERT ... ON CONFLICT DO UPDATE",
                            res.line());
                }
            }
            Result copy = best(copies);
            Result insert = best(inserts);
            System.out.printf(Locale.ROOT, "best of each (%,d rows a pass):%n", copy.rows);
            System.out.printf(Locale.ROOT, "  COPY sink (ethbus)                 %s%n", copy.line());
            System.out.printf(Locale.ROOT, "  INSERT ... ON CONFLICT x %-9d %s%n", INSERT_ROWS, insert.line());
            System.out.printf(Locale.ROOT, "  ratio COPY / INSERT: %.2fx rows/s (wall), %.2fx rows per CPU second "
                    + "(client + server) (target >= 5x)%n", copy.rate() / insert.rate(),
                    leastCpuPerRow(inserts) / leastCpuPerRow(copies));
        }
    }

    /** A pass; {@code commitNanos}: of its time, the COPY sink's commits (the rest spooled the rows). */
    private record Result(long rows, long nanos, long commitNanos, long clientCpuNanos, long serverCpuNanos) {
        double rate() {
            return rows * 1e9 / nanos;
        }

        double cpuPerRow() {
            return (clientCpuNanos + serverCpuNanos) / (double) rows;
        }

        String line() {
            return String.format(Locale.ROOT, "%7.2f s %9.0f rows/s   CPU client %6.2f s + server %6.2f s = %7.0f rows/CPU-s%s",
                    nanos / 1e9, rate(), clientCpuNanos / 1e9, serverCpuNanos / 1e9, 1e9 / cpuPerRow(),
                    commitNanos == 0 ? "" : String.format(Locale.ROOT, "   (commits %.2f s)", commitNanos / 1e9));
        }
    }

    /** The pass with the most rows per second. */
    private static Result best(List<Result> results) {
        return results.stream().max(Comparator.comparingDouble(Result::rate)).orElseThrow();
    }

    /** The least CPU per row of any pass: the CPU ratio compares each path's leanest pass, as the wall ratio its fastest. */
    private static double leastCpuPerRow(List<Result> results) {
        return results.stream().mapToDouble(Result::cpuPerRow).min().orElseThrow();
    }

    private static Result write(PostgresServer pg, ServerCpu server, String db, List<Dataset> datasets, int blocks, int txs,
                                boolean copy) throws Exception {
        pg.createDatabase(db);
        ChunkSink sink = new PostgresChunkSink(PostgresConnector.of(PostgresUrl.parse(pg.url(db))));
        sink.prepare(datasets);
        Map<Dataset, List<String>> keys = new LinkedHashMap<>();
        try (Connection c = pg.connect(db)) {
            for (Dataset d : datasets) {
                keys.put(d, primaryKey(c, d.wireName()));
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        long rows = 0;
        long nanos = 0;
        long clientCpu = 0;
        long serverCpu = 0;
        long commitNanos = 0;
        for (int first = 0; first < blocks; first += CHUNK) {
            Chunk chunk = new Chunk(first, Math.min(first + CHUNK, blocks) - 1);
            // rows are made before the clock runs: only the writing is timed
            List<Map<Dataset, List<Row>>> made = new ArrayList<>();
            for (long b = chunk.first(); b <= chunk.last(); b++) {
                Map<Dataset, List<Row>> block = new LinkedHashMap<>();
                for (Dataset d : datasets) {
                    List<Row> list = new ArrayList<>();
                    int n = d == Dataset.BLOCKS ? 1 : txs;
                    for (int i = 0; i < n; i++) {
                        list.add(row(d, b, i, random));
                    }
                    block.put(d, list);
                    rows += n;
                }
                made.add(block);
            }
            long server0 = server.nanos();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            if (copy) {
                ChunkOutput out = sink.look().open(chunk, datasets, "bench");
                for (Map<Dataset, List<Row>> block : made) {
                    for (Dataset d : datasets) {
                        out.write(d, block.get(d));
                    }
                }
                long commitStart = System.nanoTime();
                out.commit();
                commitNanos += System.nanoTime() - commitStart;
            } else {
                upsert(pg, db, datasets, keys, made);
            }
            nanos += System.nanoTime() - start;
            clientCpu += THREADS.getCurrentThreadCpuTime() - cpu0;
            serverCpu += server.nanos() - server0;
        }
        return new Result(rows, nanos, commitNanos, clientCpu, serverCpu);
    }

    /** Per dataset one transaction (ethereum-etl commits per item type) of upserts of up to {@link #INSERT_ROWS} rows. */
    private static void upsert(PostgresServer pg, String db, List<Dataset> datasets, Map<Dataset, List<String>> keys,
                               List<Map<Dataset, List<Row>>> made) throws SQLException {
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            for (Dataset d : datasets) {
                List<Row> all = new ArrayList<>();
                made.forEach(block -> all.addAll(block.get(d)));
                List<Column> cols = d.columns();
                for (int from = 0; from < all.size(); from += INSERT_ROWS) {
                    List<Row> batch = all.subList(from, Math.min(from + INSERT_ROWS, all.size()));
                    try (PreparedStatement p = c.prepareStatement(upsertSql(d, keys.get(d), batch.size()))) {
                        int k = 1;
                        for (Row row : batch) {
                            for (int i = 0; i < cols.size(); i++) {
                                Object v = row.get(i);
                                switch (cols.get(i).type()) {
                                    case INT64 -> p.setObject(k++, v, java.sql.Types.BIGINT);
                                    case HEX -> p.setString(k++, (String) v);
                                    case DECIMAL -> p.setBigDecimal(k++, v == null ? null : new BigDecimal((String) v));
                                    case BOOLEAN -> p.setObject(k++, v, java.sql.Types.BOOLEAN);
                                    default -> throw new IllegalStateException("no such column in the four datasets");
                                }
                            }
                        }
                        p.executeUpdate();
                    }
                }
                c.commit();
            }
        }
    }

    /** The primary-key columns of {@code table}, as the sink created it. */
    private static List<String> primaryKey(Connection c, String table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                + "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ?::regclass AND i.indisprimary "
                + "ORDER BY array_position(i.indkey, a.attnum)")) {
            p.setString(1, "\"" + table + "\"");
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    key.add(r.getString(1));
                }
            }
        }
        return key;
    }

    /** ethereum-etl's statement: insert {@code rows} rows; on a key conflict, update every other column. */
    private static String upsertSql(Dataset d, List<String> key, int rows) {
        String cols = d.columns().stream().map(c -> "\"" + c.name() + "\"").collect(Collectors.joining(", "));
        String one = "(" + d.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        StringBuilder sql = new StringBuilder("INSERT INTO \"" + d.wireName() + "\" (" + cols + ") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(one);
        }
        String set = d.columns().stream().map(Column::name).filter(n -> !key.contains(n))
                .map(n -> "\"" + n + "\" = EXCLUDED.\"" + n + "\"").collect(Collectors.joining(", "));
        return sql.append(" ON CONFLICT (").append(key.stream().map(k -> "\"" + k + "\"").collect(Collectors.joining(", ")))
                .append(") DO UPDATE SET ").append(set).toString();
    }

    /** A row of {@code d} for position {@code index} of block {@code block}: the key columns placed, the rest random. */
    private static Row row(Dataset d, long block, int index, SplittableRandom random) {
        List<Object> values = new ArrayList<>();
        for (Column c : d.columns()) {
            String name = c.name();
            values.add(switch (c.type()) {
                case INT64 -> name.equals("block_number") ? block : name.endsWith("_index") ? (long) index
                        : random.nextLong(1, 30_000_000);
                case HEX -> "0x" + hex(random, name.endsWith("address") || name.equals("miner") ? 20
                        : name.equals("input") || name.equals("data") || name.equals("extra_data") ? 68 : 32);
                case DECIMAL -> Long.toString(random.nextLong(0, Long.MAX_VALUE)) + random.nextInt(1_000_000);
                case BOOLEAN -> random.nextBoolean();
                case STRING -> "text " + random.nextInt();
                case JSON -> "[\"" + random.nextInt() + "\"]";
            });
        }
        return new Row(values);
    }

    private static String hex(SplittableRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
