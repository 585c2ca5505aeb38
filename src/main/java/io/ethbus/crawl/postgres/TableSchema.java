package io.ethbus.crawl.postgres;

import io.ethbus.crawl.Column;
import io.ethbus.crawl.ColumnType;
import io.ethbus.crawl.CrawlConfigException;
import io.ethbus.crawl.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The table of one dataset: named by its wire name, a column per dataset column
 * ({@link SqlType}), and beside each timestamp (an int64 column {@code timestamp} or
 * {@code *_timestamp}, Unix seconds) a generated {@code <name>_tz timestamptz}; keyed by
 * {@link PrimaryKeys}. Every dataset has a {@code block_number} column: chunks are replaced by
 * block range.
 */
record TableSchema(String table, List<Column> columns, List<String> primaryKey) {

    static TableSchema of(Dataset dataset) {
        List<Column> columns = dataset.columns();
        if (columns.stream().noneMatch(c -> c.name().equals("block_number"))) {
            throw new CrawlConfigException("dataset " + dataset.wireName() + " has no block_number column to store it by");
        }
        return new TableSchema(dataset.wireName(), columns, PrimaryKeys.of(dataset.wireName(), columns));
    }

    private static boolean isTimestamp(Column c) {
        return c.type() == ColumnType.INT64 && (c.name().equals("timestamp") || c.name().endsWith("_timestamp"));
    }

    /** Every column as {@code name type}, generated ones included, in table order: what an existing table must have. */
    List<String> expectedColumns() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.name() + " " + SqlType.of(c.type()));
        }
        for (Column c : columns) {
            if (isTimestamp(c)) {
                out.add(c.name() + "_tz " + SqlType.TIMESTAMPTZ);
            }
        }
        return out;
    }

    String createSql() {
        List<String> defs = new ArrayList<>();
        for (Column c : columns) {
            defs.add(quote(c.name()) + " " + SqlType.of(c.type()));
        }
        for (Column c : columns) {
            if (isTimestamp(c)) {
                defs.add(quote(c.name() + "_tz") + " " + SqlType.TIMESTAMPTZ + " GENERATED ALWAYS AS (to_timestamp("
                        + quote(c.name()) + ")) STORED");
            }
        }
        defs.add("PRIMARY KEY (" + primaryKey.stream().map(TableSchema::quote).collect(Collectors.joining(", ")) + ")");
        return "CREATE TABLE " + quote(table) + " (" + String.join(", ", defs) + ")";
    }

    /** The COPY of the dataset's own columns (not the generated ones), binary format ({@link CopyBinary}). */
    String copySql() {
        return "COPY " + quote(table) + " (" + columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "))
                + ") FROM STDIN WITH (FORMAT binary)";
    }

    String deleteBlocksSql() {
        return "DELETE FROM " + quote(table) + " WHERE block_number BETWEEN ? AND ?";
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
