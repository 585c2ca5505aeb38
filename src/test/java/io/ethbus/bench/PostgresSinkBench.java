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

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * Rows per second into PostgreSQL: the crawl's COPY sink ({@link PostgresChunkSink}, one
 * transaction per chunk) against batched multi-row {@code INSERT ... ON CONFLICT DO NOTHING}
 * (how ethereum-etl's PostgreSQL exporter writes), same rows, same server (started as the tests
 * start it), one run each after a short warm-up. Rows are made up with the crawl's columns
 * (random hashes and addresses, 68-byte call data); no node involved. Not a test:
 *
 * <pre>mvn -B -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.ethbus.bench.PostgresSinkBench -Dexec.args="--blocks 1000 --txs 100"</pre>
 */
public final class PostgresSinkBench {
    private static final int CHUNK = 100;
    /** Rows per INSERT statement, as an exporter batches them (PostgreSQL takes at most 65,535 parameters). */
    private static final int INSERT_ROWS = 1000;

    private PostgresSinkBench() {
    }

    public static void main(String[] args) throws Exception {
        int blocks = 1000;
        int txs = 100;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
                case "--txs" -> txs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Dataset> datasets = List.of(Dataset.BLOCKS, Dataset.TRANSACTIONS, Dataset.RECEIPTS, Dataset.LOGS);
        try (PostgresServer pg = PostgresServer.start()) {
            // warm-up: both paths once on a few blocks, in a database of their own
            write(pg, "warm_copy", datasets, 20, txs, true);
            write(pg, "warm_insert", datasets, 20, txs, false);
            Result insert = write(pg, "bench_insert", datasets, blocks, txs, false);
            Result copy = write(pg, "bench_copy", datasets, blocks, txs, true);
            System.out.printf(Locale.ROOT, "%,d blocks x %d transactions: %,d rows per path (blocks, transactions, "
                    + "receipts, logs), chunks of %d blocks%n", blocks, txs, copy.rows, CHUNK);
            System.out.printf(Locale.ROOT, "  COPY sink (ethbus)            %8.2f s  %,10.0f rows/s%n", copy.seconds(), copy.rate());
            System.out.printf(Locale.ROOT, "  INSERT ... ON CONFLICT x %d %8.2f s  %,10.0f rows/s%n", INSERT_ROWS,
                    insert.seconds(), insert.rate());
            System.out.printf(Locale.ROOT, "  ratio COPY / INSERT: %.2fx (target >= 5x)%n", copy.rate() / insert.rate());
        }
    }

    private record Result(long rows, long nanos) {
        double seconds() {
            return nanos / 1e9;
        }

        double rate() {
            return rows / seconds();
        }
    }

    private static Result write(PostgresServer pg, String db, List<Dataset> datasets, int blocks, int txs, boolean copy)
            throws Exception {
        pg.createDatabase(db);
        ChunkSink sink = new PostgresChunkSink(PostgresConnector.of(PostgresUrl.parse(pg.url(db))));
        sink.prepare(datasets);
        SplittableRandom random = new SplittableRandom(42);
        long rows = 0;
        long nanos = 0;
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
            long start = System.nanoTime();
            if (copy) {
                ChunkOutput out = sink.look().open(chunk, datasets, "bench");
                for (Map<Dataset, List<Row>> block : made) {
                    for (Dataset d : datasets) {
                        out.write(d, block.get(d));
                    }
                }
                out.commit();
            } else {
                insert(pg, db, datasets, made);
            }
            nanos += System.nanoTime() - start;
        }
        return new Result(rows, nanos);
    }

    /** One transaction per chunk, as the COPY sink: multi-row INSERTs of up to {@link #INSERT_ROWS} rows each. */
    private static void insert(PostgresServer pg, String db, List<Dataset> datasets, List<Map<Dataset, List<Row>>> made)
            throws SQLException {
        try (Connection c = pg.connect(db)) {
            c.setAutoCommit(false);
            for (Dataset d : datasets) {
                List<Row> all = new ArrayList<>();
                made.forEach(block -> all.addAll(block.get(d)));
                List<Column> cols = d.columns();
                for (int from = 0; from < all.size(); from += INSERT_ROWS) {
                    List<Row> batch = all.subList(from, Math.min(from + INSERT_ROWS, all.size()));
                    try (PreparedStatement p = c.prepareStatement(insertSql(d, batch.size()))) {
                        int k = 1;
                        for (Row row : batch) {
                            for (int i = 0; i < cols.size(); i++) {
                                Object v = row.get(i);
                                switch (cols.get(i).type()) {
                                    case INT64 -> p.setObject(k++, v, java.sql.Types.BIGINT);
                                    case HEX -> p.setString(k++, (String) v);
                                    case DECIMAL -> p.setBigDecimal(k++, v == null ? null : new BigDecimal((String) v));
                                    case BOOLEAN -> p.setObject(k++, v, java.sql.Types.BOOLEAN);
                                }
                            }
                        }
                        p.executeUpdate();
                    }
                }
            }
            c.commit();
        }
    }

    private static String insertSql(Dataset d, int rows) {
        String cols = d.columns().stream().map(c -> "\"" + c.name() + "\"").collect(Collectors.joining(", "));
        String one = "(" + d.columns().stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        StringBuilder sql = new StringBuilder("INSERT INTO \"" + d.wireName() + "\" (" + cols + ") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(one);
        }
        return sql.append(" ON CONFLICT DO NOTHING").toString();
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
