package io.ethbus.crawl;

/**
 * How a column's values are stored. Every column may be null (empty in CSV, JSON null,
 * an absent optional value in Parquet).
 */
public enum ColumnType {
    /** A signed 64-bit integer: block numbers, timestamps, indices, gas. Parquet INT64. */
    INT64,
    /** 0x-prefixed lowercase hex: hashes, addresses, call data. Parquet BINARY (UTF8). */
    HEX,
    /** A 256-bit quantity as a decimal string, lossless: values in wei, fees. Parquet BINARY (UTF8). */
    DECIMAL,
    /** true or false. Parquet BOOLEAN. */
    BOOLEAN,
    /** Any UTF-8 text, as it came (a decoded event's {@code string} parameter). Parquet BINARY (UTF8). */
    STRING,
    /**
     * JSON text (a decoded event's array or tuple): arrays as JSON arrays, tuples as objects keyed
     * by member name, numbers as decimal strings, addresses and bytes as 0x lowercase hex.
     * Parquet BINARY (UTF8).
     */
    JSON
}
