package io.ethbus.crawl.postgres;

import io.ethbus.crawl.CrawlConfigException;
import io.ethbus.crawl.Row;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The COPY text of rows, and the parsing of the database URL: bad input without a server. */
class CopyTextTest {
    @Test
    void nullsAreBackslashNAndTheFourSpecialCharactersAreEscaped() {
        StringBuilder out = new StringBuilder();
        CopyText.append(Row.of(7L, null, "0xab", "a\tb\nc\\d\re", true, "ü"), out);
        assertEquals("7\t\\N\t0xab\ta\\tb\\nc\\\\d\\re\ttrue\tü\n", out.toString());
    }

    @Test
    void urlsNameUserHostPortAndDatabaseAndNeverHoldAPassword() {
        assertEquals(new PostgresUrl("etl", "db.local", 5432, "chain"), PostgresUrl.parse("postgresql://etl@db.local/chain"));
        assertEquals(new PostgresUrl("etl", "127.0.0.1", 6543, "c"), PostgresUrl.parse("postgres://etl@127.0.0.1:6543/c"));
        CrawlConfigException withPassword = assertThrows(CrawlConfigException.class,
                () -> PostgresUrl.parse("postgresql://etl:hunter2@127.0.0.1/c"));
        assertFalse(withPassword.getMessage().contains("hunter2"), withPassword.getMessage());
        assertThrows(CrawlConfigException.class, () -> PostgresUrl.parse("postgresql://127.0.0.1/c"), "no user");
        assertThrows(CrawlConfigException.class, () -> PostgresUrl.parse("postgresql://etl@127.0.0.1/"), "no database");
        assertThrows(CrawlConfigException.class, () -> PostgresUrl.parse("postgresql://etl@127.0.0.1/c?sslmode=off"));
    }
}
