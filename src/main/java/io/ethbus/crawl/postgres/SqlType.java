package io.ethbus.crawl.postgres;

import io.ethbus.crawl.ColumnType;

/**
 * The PostgreSQL type of each {@link ColumnType}, spelt as {@code format_type} prints it (so
 * that an existing table's columns compare as text). The switch is exhaustive: a new column
 * type does not compile until it has a type here.
 */
final class SqlType {
    /** Unix seconds as a point in time, beside each timestamp column. */
    static final String TIMESTAMPTZ = "timestamp with time zone";

    private SqlType() {
    }

    static String of(ColumnType type) {
        return switch (type) {
            case INT64 -> "bigint";
            // lowercase 0x hex, the same strings as in the files: equal hashes are equal text, readable in psql
            case HEX -> "text";
            // 256-bit quantities: 78 decimal digits hold 2^256 - 1, lossless
            case DECIMAL -> "numeric(78,0)";
            case BOOLEAN -> "boolean";
            case STRING -> "text";
            // a decoded array or tuple: queryable with PostgreSQL's JSON operators
            case JSON -> "jsonb";
        };
    }
}
