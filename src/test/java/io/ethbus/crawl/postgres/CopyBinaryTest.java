package io.ethbus.crawl.postgres;

import io.ethbus.crawl.ColumnType;
import io.ethbus.crawl.CrawlConfigException;
import io.ethbus.crawl.Row;
import io.ethbus.testsupport.PostgresExtension;
import io.ethbus.testsupport.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static io.ethbus.crawl.ColumnType.BOOLEAN;
import static io.ethbus.crawl.ColumnType.DECIMAL;
import static io.ethbus.crawl.ColumnType.HEX;
import static io.ethbus.crawl.ColumnType.INT64;
import static io.ethbus.crawl.ColumnType.JSON;
import static io.ethbus.crawl.ColumnType.STRING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The binary COPY form of rows, byte by byte and read back by a real server; and the parsing of the database URL. */
@ExtendWith(PostgresExtension.class)
class CopyBinaryTest {
    private static String hex(List<ColumnType> types, Row row) throws Exception {
        CopyBinary tuples = new CopyBinary(types, 4);
        tuples.append(row);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        tuples.writeTo(out);
        assertEquals(0, tuples.size(), "written out and emptied");
        return HexFormat.of().formatHex(out.toByteArray());
    }

    @Test
    void aRowIsItsFieldCountThenEachValueBehindItsLengthAndNullIsMinusOne() throws Exception {
        assertEquals("0004" + "00000008" + "0000000000000007" + "ffffffff" + "00000004" + "30786162" + "00000001" + "01",
                hex(List.of(INT64, HEX, HEX, BOOLEAN), Row.of(7L, null, "0xab", true)));
        // nothing is escaped; text is UTF-8, and jsonb carries its version byte
        assertEquals("0003" + "00000003" + "090a5c" + "00000002" + "c3bc" + "00000003" + "015b5d",
                hex(List.of(STRING, STRING, JSON), Row.of("\t\n\\", "ü", "[]")));
    }

    @Test
    void decimalsAreNumericsOfBase10000DigitsWithoutTrailingZeroGroups() throws Exception {
        // ndigits, weight, sign, dscale, digits
        assertEquals("0001" + "0000000e" + "0003" + "0002" + "0000" + "0000" + "0001" + "0929" + "1a85",
                hex(List.of(DECIMAL), Row.of("123456789")));
        assertEquals("0001" + "0000000a" + "0001" + "0002" + "0000" + "0000" + "0001", hex(List.of(DECIMAL), Row.of("100000000")));
        assertEquals("0001" + "0000000a" + "0001" + "0000" + "4000" + "0000" + "0005", hex(List.of(DECIMAL), Row.of("-5")));
        assertEquals("0001" + "00000008" + "0000" + "0000" + "0000" + "0000", hex(List.of(DECIMAL), Row.of("000")));
        assertThrows(IllegalArgumentException.class, () -> hex(List.of(DECIMAL), Row.of("12a")));
        assertThrows(IllegalArgumentException.class, () -> hex(List.of(DECIMAL), Row.of("-")));
    }

    @Test
    void theServerReadsBackEveryValueAsItWasGiven(PostgresServer pg) throws Exception {
        String db = pg.createDatabase("copy_binary");
        String max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE).toString();
        List<ColumnType> types = List.of(INT64, HEX, DECIMAL, BOOLEAN, STRING, JSON);
        List<Row> rows = List.of(
                Row.of(1L, "0x00ff", max, true, "a\tb\nc\\d\re", "{\"a\": [\"1\", \"0xab\"]}"),
                Row.of(-2L, null, "0", false, "ü €", null),
                Row.of(Long.MAX_VALUE, "0x", "-12345678", null, "", "[]"),
                Row.of(3L, "0xabc", "10000", true, "x", "\"ü\""));
        CopyBinary tuples = new CopyBinary(types, 16);
        rows.forEach(tuples::append);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(CopyBinary.HEADER);
        tuples.writeTo(out);
        out.write(CopyBinary.TRAILER);
        List<String> back = new ArrayList<>();
        try (Connection c = pg.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (i bigint, h text, d numeric(78,0), b boolean, s text, j jsonb)");
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY t FROM STDIN WITH (FORMAT binary)",
                    new ByteArrayInputStream(out.toByteArray()));
            try (ResultSet r = s.executeQuery("SELECT i, h, d::text, b, s, j::text FROM t")) {
                while (r.next()) {
                    List<String> row = new ArrayList<>();
                    for (int k = 1; k <= 6; k++) {
                        row.add(r.getString(k));
                    }
                    back.add(String.join("|", row.stream().map(String::valueOf).toList()));
                }
            }
        }
        assertEquals(List.of(
                "1|0x00ff|" + max + "|t|a\tb\nc\\d\re|{\"a\": [\"1\", \"0xab\"]}",
                "-2|null|0|f|ü €|null",
                Long.MAX_VALUE + "|0x|-12345678|null||[]",
                "3|0xabc|10000|t|x|\"ü\""), back);
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
