package io.ethbus.crawl.postgres;

import io.ethbus.crawl.Chunk;
import io.ethbus.crawl.ChunkOutput;
import io.ethbus.crawl.Dataset;
import io.ethbus.crawl.StoredChunks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table {@code ethbus_chunks}, the database's record of what is done: a row per dataset
 * and chunk, written in the transaction that copied the chunk's rows in. Read at one moment,
 * it says which chunks a crawl may skip.
 */
final class ChunkRecords implements StoredChunks {
    static final String TABLE = "ethbus_chunks";
    static final String CREATE = "CREATE TABLE IF NOT EXISTS " + TABLE + " (dataset text NOT NULL, "
            + "first_block bigint NOT NULL, last_block bigint NOT NULL, row_count bigint NOT NULL, writer text NOT NULL, "
            + "written_at timestamp with time zone NOT NULL DEFAULT now(), PRIMARY KEY (dataset, first_block, last_block))";
    /** Parameters: dataset, the chunk's last block, its first: records of any of its blocks. */
    static final String DELETE_OVERLAPPING = "DELETE FROM " + TABLE
            + " WHERE dataset = ? AND first_block <= ? AND last_block >= ?";
    /** Parameters: dataset, first block, last block, rows, writer. */
    static final String INSERT = "INSERT INTO " + TABLE
            + " (dataset, first_block, last_block, row_count, writer) VALUES (?, ?, ?, ?, ?)";

    private final PostgresConnector connector;
    /** Per dataset: first block of each recorded chunk to its last. */
    private final Map<String, TreeMap<Long, Long>> recorded = new HashMap<>();

    private ChunkRecords(PostgresConnector connector) {
        this.connector = connector;
    }

    /** Reads every record. Blocking. */
    static ChunkRecords read(PostgresConnector connector) throws SQLException {
        try (Connection c = connector.open()) {
            ChunkRecords out = read(connector, c);
            c.commit();
            return out;
        }
    }

    /** Reads every record over {@code c}, in its transaction. Blocking. */
    static ChunkRecords read(PostgresConnector connector, Connection c) throws SQLException {
        ChunkRecords out = new ChunkRecords(connector);
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT dataset, first_block, last_block FROM " + TABLE)) {
            while (r.next()) {
                out.recorded.computeIfAbsent(r.getString(1), k -> new TreeMap<>()).merge(r.getLong(2), r.getLong(3), Math::max);
            }
        }
        return out;
    }

    @Override
    public boolean covers(Chunk chunk, Dataset dataset) {
        TreeMap<Long, Long> byFirst = recorded.get(dataset.wireName());
        if (byFirst == null) {
            return false;
        }
        // records never overlap (a chunk's commit deletes those of its blocks): the one starting at or before it decides
        Map.Entry<Long, Long> before = byFirst.floorEntry(chunk.first());
        return before != null && before.getValue() >= chunk.last();
    }

    @Override
    public ChunkOutput open(Chunk chunk, List<Dataset> datasets, String writer) {
        return new ChunkCopy(connector, chunk, datasets, writer, chunk.last());
    }

    @Override
    public ChunkOutput openReplacing(Chunk chunk, List<Dataset> datasets, String writer, long replaceThrough) {
        return new ChunkCopy(connector, chunk, datasets, writer, Math.max(chunk.last(), replaceThrough));
    }
}
