package io.ethbus.crawl;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A dataset's Parquet files as DuckDB reads them ({@code read_parquet} over all of its chunk
 * files): the schema DuckDB infers and the rows in file order. DuckDB shares no code with
 * parquet-java, so what it reads is what a user's tools read.
 */
final class DuckDbParquet implements AutoCloseable {
    private final Connection connection;

    private DuckDbParquet(Connection connection) {
        this.connection = connection;
    }

    /** An in-memory DuckDB database; fails with DuckDB's own reason when its native library does not load. */
    static DuckDbParquet open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET threads = 2"); // two shared cores
        }
        return new DuckDbParquet(connection);
    }

    /** Column name to DuckDB's type name (BIGINT, VARCHAR, ...), in file order. */
    Map<String, String> schema(Path dir, Dataset dataset) throws SQLException {
        Map<String, String> columns = new LinkedHashMap<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("DESCRIBE SELECT * FROM " + files(dir, dataset, ""))) {
            while (r.next()) {
                columns.put(r.getString("column_name"), r.getString("column_type"));
            }
        }
        return columns;
    }

    /**
     * Every row of the dataset, its values in {@link Dataset#columns()} order as JDBC gives
     * them (Long, String, Boolean or null), ordered by file name (chunk order) and position in
     * the file.
     */
    List<List<Object>> rows(Path dir, Dataset dataset) throws SQLException {
        List<Column> columns = dataset.columns();
        String select = String.join(", ", columns.stream().map(c -> '"' + c.name() + '"').toList());
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT " + select + " FROM "
                     + files(dir, dataset, ", filename = true, file_row_number = true")
                     + " ORDER BY filename, file_row_number")) {
            while (r.next()) {
                Object[] row = new Object[columns.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = r.getObject(c + 1);
                }
                rows.add(Arrays.asList(row));
            }
        }
        return rows;
    }

    private static String files(Path dir, Dataset dataset, String options) {
        String glob = dir.resolve(dataset.wireName() + "__*.parquet").toString().replace("'", "''");
        return "read_parquet('" + glob + "'" + options + ")";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
