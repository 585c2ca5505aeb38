package io.ethbus.crawl.postgres;

import io.ethbus.crawl.Chunk;
import io.ethbus.crawl.ChunkOutput;
import io.ethbus.crawl.Column;
import io.ethbus.crawl.Dataset;
import io.ethbus.crawl.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk on its way into the database. Rows are spooled in binary COPY format
 * ({@link CopyBinary}) to a temporary file per dataset (the chunk's rows need not fit in
 * memory, and no transaction stays open while blocks are fetched); {@link #commit()} then, in
 * one transaction, deletes the rows and chunk records of the chunk's blocks (a partial chunk
 * written when the chain was shorter, an earlier run under {@code --overwrite}; repairing a
 * reorganisation, also those of the orphaned blocks above the chunk), copies every dataset in
 * with {@code COPY ... FROM STDIN} and records the chunk in {@code ethbus_chunks}. A crash
 * before the commit leaves nothing of the chunk in the database.
 */
final class ChunkCopy implements ChunkOutput {
    private final PostgresConnector connector;
    private final Chunk chunk;
    private final List<Dataset> datasets;
    private final String writer;
    /** The last block whose rows the commit replaces: the chunk's last, or above it when repairing a reorganisation. */
    private final long replaceThrough;
    private final Map<Dataset, Path> spools = new LinkedHashMap<>();
    private final Map<Dataset, OutputStream> outs = new LinkedHashMap<>();
    /** Per dataset, rows not yet in its spool: written out in large pieces. */
    private final Map<Dataset, CopyBinary> pending = new LinkedHashMap<>();
    private static final int FLUSH_BYTES = 1 << 16;
    private final Map<Dataset, Long> rows = new LinkedHashMap<>();

    ChunkCopy(PostgresConnector connector, Chunk chunk, List<Dataset> datasets, String writer, long replaceThrough) {
        this.connector = connector;
        this.chunk = chunk;
        this.datasets = List.copyOf(datasets);
        this.writer = writer;
        this.replaceThrough = replaceThrough;
    }

    @Override
    public void write(Dataset dataset, List<Row> block) throws IOException {
        if (outs.isEmpty()) {
            for (Dataset d : datasets) {
                Path spool = Files.createTempFile("ethbus-" + d.wireName() + "-" + chunk.first() + "-", ".copy");
                spools.put(d, spool);
                OutputStream out = Files.newOutputStream(spool);
                out.write(CopyBinary.HEADER);
                outs.put(d, out);
                pending.put(d, new CopyBinary(d.columns().stream().map(Column::type).toList(), FLUSH_BYTES + 4096));
                rows.put(d, 0L);
            }
        }
        CopyBinary tuples = pending.get(dataset);
        for (Row row : block) {
            tuples.append(row);
            if (tuples.size() >= FLUSH_BYTES) {
                tuples.writeTo(outs.get(dataset));
            }
        }
        rows.merge(dataset, (long) block.size(), Long::sum);
    }

    @Override
    public List<String> commit() throws IOException {
        for (Dataset d : outs.keySet()) {
            pending.get(d).writeTo(outs.get(d));
            outs.get(d).write(CopyBinary.TRAILER);
            outs.get(d).close();
        }
        outs.clear();
        pending.clear();
        List<String> done = new ArrayList<>();
        try (Connection c = connector.open()) {
            try {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (Dataset d : datasets) {
                    TableSchema table = TableSchema.of(d);
                    try (PreparedStatement del = c.prepareStatement(table.deleteBlocksSql())) {
                        del.setLong(1, chunk.first());
                        del.setLong(2, replaceThrough);
                        del.executeUpdate();
                    }
                    try (PreparedStatement del = c.prepareStatement(ChunkRecords.DELETE_OVERLAPPING)) {
                        del.setString(1, d.wireName());
                        del.setLong(2, replaceThrough);
                        del.setLong(3, chunk.first());
                        del.executeUpdate();
                    }
                    Path spool = spools.get(d);
                    if (spool != null) {
                        try (InputStream in = Files.newInputStream(spool)) {
                            copy.copyIn(table.copySql(), in, 1 << 16);
                        }
                    }
                    try (PreparedStatement rec = c.prepareStatement(ChunkRecords.INSERT)) {
                        rec.setString(1, d.wireName());
                        rec.setLong(2, chunk.first());
                        rec.setLong(3, chunk.last());
                        rec.setLong(4, rows.getOrDefault(d, 0L));
                        rec.setString(5, writer);
                        rec.executeUpdate();
                    }
                    done.add(d.wireName() + " " + chunk.first() + ".." + chunk.last());
                }
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new IOException("writing blocks " + chunk.first() + ".." + chunk.last() + " to " + connector + " failed: "
                    + e.getMessage(), e);
        } finally {
            deleteSpools();
        }
        return done;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // closing the connection ends the transaction all the same
        }
    }

    @Override
    public void abort() {
        for (OutputStream out : outs.values()) {
            try {
                out.close();
            } catch (IOException ignored) {
                // the spool is deleted next
            }
        }
        outs.clear();
        pending.clear();
        deleteSpools();
    }

    private void deleteSpools() {
        for (Path p : spools.values()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file left behind holds nothing the database takes
            }
        }
        spools.clear();
    }

    @Override
    public ChunkOutput again() {
        return new ChunkCopy(connector, chunk, datasets, writer, replaceThrough);
    }
}
