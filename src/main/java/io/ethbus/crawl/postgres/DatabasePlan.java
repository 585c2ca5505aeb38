package io.ethbus.crawl.postgres;

import io.ethbus.crawl.Chunk;
import io.ethbus.crawl.ChunkFates;
import io.ethbus.crawl.CrawlConfigException;
import io.ethbus.crawl.Dataset;
import io.ethbus.crawl.StoredChunks;

import java.util.ArrayList;
import java.util.List;

/**
 * What a crawl into a database would do, found by reading it only (for {@code --dry}): each
 * dataset's table as it is (missing: created; there with the dataset's columns: used; there
 * with other columns: the crawl stops) and the chunks {@code ethbus_chunks} records, which the
 * crawl skips unless it overwrites.
 *
 * @param url      the database, for messages (never with a password)
 * @param tables   each dataset's table, in dataset order
 * @param recorded the chunk records; null when there is no {@code ethbus_chunks} table yet
 */
public record DatabasePlan(PostgresUrl url, List<Table> tables, StoredChunks recorded) {
    public DatabasePlan {
        tables = List.copyOf(tables);
    }

    /**
     * A dataset's table as found.
     *
     * @param found    its columns as {@code name type}; empty when there is no such table
     * @param expected the columns the dataset needs
     */
    public record Table(Dataset dataset, List<String> found, List<String> expected) {
        public Table {
            found = List.copyOf(found);
            expected = List.copyOf(expected);
        }

        /** True when the table is there with other columns than the dataset needs: the crawl would stop. */
        public boolean conflicts() {
            return !found.isEmpty() && !found.equals(expected);
        }

        /** The error the crawl stops with for a conflicting table; also the dry run's. */
        CrawlConfigException conflict(PostgresUrl url) {
            return new CrawlConfigException("table " + dataset.wireName() + " in " + url
                    + " exists with other columns than dataset " + dataset.wireName() + " needs: found ("
                    + String.join(", ", found) + "), expected (" + String.join(", ", expected)
                    + "); drop it or crawl into another database");
        }
    }

    /**
     * The plan for people: each table, then the chunks of {@code chunks} in runs of the same
     * fate (recorded and skipped, or to write), by block range.
     */
    public List<String> lines(List<Chunk> chunks, List<Dataset> datasets, boolean overwrite) {
        List<String> out = new ArrayList<>();
        for (Table t : tables) {
            out.add("table " + t.dataset().wireName() + ": " + (t.found().isEmpty() ? "to be created"
                    : t.conflicts() ? "exists with other columns: the crawl would stop" : "exists, with the dataset's columns"));
        }
        out.add(ChunkRecords.TABLE + ": " + (recorded == null ? "to be created (no chunk recorded)" : "exists"));
        out.addAll(ChunkFates.lines(chunks, datasets, recorded, overwrite, ChunkRecords.TABLE));
        return out;
    }

    /** Throws the error the crawl would stop with, when a table conflicts. */
    public void check() {
        for (Table t : tables) {
            if (t.conflicts()) {
                throw t.conflict(url);
            }
        }
    }
}
