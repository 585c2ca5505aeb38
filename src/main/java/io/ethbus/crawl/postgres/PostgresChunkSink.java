package io.ethbus.crawl.postgres;

import io.ethbus.crawl.Chunk;
import io.ethbus.crawl.ChunkSink;
import io.ethbus.crawl.CrawlConfigException;
import io.ethbus.crawl.CrawlSummary;
import io.ethbus.crawl.Dataset;
import io.ethbus.crawl.StoredChunks;
import io.ethbus.rpc.JsonRpcCodec;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunks as rows of PostgreSQL tables, a table per dataset ({@link TableSchema}), created on
 * first use; each chunk is copied in with {@code COPY} in one transaction with its record in
 * {@code ethbus_chunks} ({@link ChunkCopy}), and each run's summary is a row of
 * {@code ethbus_runs}. Crawlers of a cluster write to the same database: the chunk records are
 * the record of what is done. Blocking: worker threads only.
 */
public final class PostgresChunkSink implements ChunkSink {
    private static final String RUNS = "CREATE TABLE IF NOT EXISTS ethbus_runs (finished_at timestamp with time zone "
            + "NOT NULL, summary jsonb NOT NULL)";
    /** Serialises the creation of tables by crawlers starting at once (a cluster). */
    private static final long CREATE_LOCK = 0x65746862757300L;

    private final PostgresConnector connector;

    public PostgresChunkSink(PostgresConnector connector) {
        this.connector = connector;
    }

    /**
     * Connects (a refused connection or login is bad input), then creates the tables that are
     * missing and checks that those that exist have the dataset's columns, all under one lock
     * and one transaction: bad input leaves nothing behind.
     */
    @Override
    public void prepare(List<Dataset> datasets) throws IOException {
        try (Connection c = connector.openChecked()) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + CREATE_LOCK + ")");
                for (Dataset d : datasets) {
                    DatabasePlan.Table found = tableOf(c, d);
                    if (found.found().isEmpty()) {
                        s.execute(TableSchema.of(d).createSql());
                    } else if (found.conflicts()) {
                        c.rollback();
                        throw found.conflict(connector.url());
                    }
                }
                s.execute(ChunkRecords.CREATE);
                s.execute(RUNS);
                c.commit();
            }
        } catch (SQLException e) {
            throw new CrawlConfigException("preparing the tables in " + connector.url() + " failed: " + e.getMessage());
        }
    }

    /**
     * What {@link #prepare} and the crawl would do, read in a read-only transaction: nothing is
     * created or changed. A refused connection or login is bad input, as for the crawl.
     */
    public DatabasePlan plan(List<Dataset> datasets) {
        try (Connection c = connector.openChecked()) {
            c.setReadOnly(true); // before the first statement: the whole transaction is read-only
            List<DatabasePlan.Table> tables = new ArrayList<>();
            for (Dataset d : datasets) {
                tables.add(tableOf(c, d));
            }
            StoredChunks recorded = columnsOf(c, ChunkRecords.TABLE).isEmpty() ? null : ChunkRecords.read(connector, c);
            c.rollback();
            return new DatabasePlan(connector.url(), tables, recorded);
        } catch (SQLException e) {
            throw new CrawlConfigException("reading the tables in " + connector.url() + " failed: " + e.getMessage());
        }
    }

    /** The table of {@code dataset} as found. */
    private static DatabasePlan.Table tableOf(Connection c, Dataset dataset) throws SQLException {
        TableSchema table = TableSchema.of(dataset);
        return new DatabasePlan.Table(dataset, columnsOf(c, table.table()), table.expectedColumns());
    }

    /** Each column of {@code table} in the current schema as {@code name type}; empty when there is no such table. */
    private static List<String> columnsOf(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod) "
                + "FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid "
                + "WHERE t.relname = ? AND t.relnamespace = current_schema()::regnamespace "
                + "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1) + " " + r.getString(2));
                }
            }
        }
        return out;
    }

    @Override
    public StoredChunks look() throws IOException {
        try {
            return ChunkRecords.read(connector);
        } catch (SQLException e) {
            throw new IOException("reading " + ChunkRecords.TABLE + " in " + connector.url() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String claimKey(Chunk chunk) {
        return connector.url() + "/" + chunk.first() + "-" + chunk.last();
    }

    @Override
    public String report(CrawlSummary summary, Instant finishedAt) throws IOException {
        try (Connection c = connector.open();
             PreparedStatement p = c.prepareStatement("INSERT INTO ethbus_runs (finished_at, summary) VALUES (?, ?::jsonb)")) {
            p.setTimestamp(1, Timestamp.from(finishedAt));
            p.setString(2, JsonRpcCodec.mapper().writeValueAsString(summary));
            p.executeUpdate();
            c.commit();
        } catch (SQLException e) {
            throw new IOException("writing the run's summary to " + connector.url() + " failed: " + e.getMessage(), e);
        }
        return "table ethbus_runs of " + connector.url();
    }

    /** A chunk's commit replaces any range of blocks in one transaction. */
    @Override
    public boolean repairsReorgs() {
        return true;
    }

    @Override
    public String describe() {
        return connector.url().toString();
    }
}
