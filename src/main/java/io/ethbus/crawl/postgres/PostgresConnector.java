package io.ethbus.crawl.postgres;

import io.ethbus.crawl.CrawlConfigException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens connections to one database as one user. The password stays in here: never in a
 * message, and {@link #toString()} shows the URL only. Blocking: worker threads only.
 */
public final class PostgresConnector {
    private final PostgresUrl url;
    private final String password;

    /** Connects to {@code url} with {@code password} (empty: none, for a server that trusts the login). */
    public PostgresConnector(PostgresUrl url, Optional<String> password) {
        this.url = url;
        this.password = password.orElse(null);
    }

    /** The password found as libpq finds it ({@link PgPass}). */
    public static PostgresConnector of(PostgresUrl url) {
        return new PostgresConnector(url, PgPass.find(url));
    }

    public PostgresUrl url() {
        return url;
    }

    /** A new connection with auto-commit off; the caller closes it. */
    Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", url.user());
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "ethbus crawl");
        p.setProperty("connectTimeout", "10");
        Connection c = DriverManager.getConnection(url.jdbcUrl(), p);
        c.setAutoCommit(false);
        return c;
    }

    /**
     * A first connection, its failure told as bad input: a server that refuses the connection or
     * the login, a database that does not exist.
     */
    Connection openChecked() {
        try {
            return open();
        } catch (SQLException e) {
            throw new CrawlConfigException("cannot use " + url + ": " + firstLine(e.getMessage())
                    + (password == null && e.getMessage() != null && e.getMessage().contains("password")
                    ? " (no password given: set PGPASSWORD or add it to ~/.pgpass)" : ""));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "connection failed";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    @Override
    public String toString() {
        return url.toString();
    }
}
