package io.ethbus.crawl.postgres;

import io.ethbus.crawl.CrawlConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where the crawl's tables are: {@code postgresql://user@host:port/database} (port 5432 when
 * left out). It carries no password: that comes from {@code PGPASSWORD} or a {@code .pgpass}
 * file ({@link PgPass}), so that this, the only form ever printed, holds no secret.
 */
public record PostgresUrl(String user, String host, int port, String database) {
    private static final int DEFAULT_PORT = 5432;

    /** True when {@code out} names a database rather than a directory. */
    public static boolean isDatabase(String out) {
        String lower = out.toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://") || lower.startsWith("postgres://");
    }

    /** Parses {@code postgresql://user@host[:port]/database}; a mistake is a {@link CrawlConfigException} naming it. */
    public static PostgresUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new CrawlConfigException("--out " + withoutUserInfo(text) + " is not a postgresql://user@host:port/database URL");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            // never echo what came after the colon
            throw new CrawlConfigException("--out must not hold a password: give it in PGPASSWORD or ~/.pgpass");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (userInfo == null || userInfo.isEmpty() || uri.getHost() == null || database.isEmpty() || database.contains("/")
                || uri.getQuery() != null) {
            throw new CrawlConfigException("--out " + withoutUserInfo(text)
                    + " must be postgresql://user@host:port/database (user, host and database named, nothing after)");
        }
        return new PostgresUrl(uri.getUserInfo(), uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database);
    }

    /** The driver's URL; the user and password go separately. */
    String jdbcUrl() {
        // an IPv6 host keeps the brackets it came with
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    /** {@code text} with anything between the scheme and an {@code @} cut out, for error messages. */
    private static String withoutUserInfo(String text) {
        return text.replaceFirst("//[^/@]*@", "//***@");
    }
}
