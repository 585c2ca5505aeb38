package io.ethbus.crawl.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The password of a {@link PostgresUrl}, found as libpq finds it: {@code PGPASSWORD}, else the
 * first matching line {@code host:port:database:user:password} ({@code *} matches anything,
 * {@code \:} and {@code \\} escape) of the file {@code PGPASSFILE} names, else of
 * {@code ~/.pgpass}. No password is fine: the server may trust the login.
 */
public final class PgPass {
    private PgPass() {
    }

    /** The password for {@code url} from this process's environment and home directory. */
    public static Optional<String> find(PostgresUrl url) {
        return find(url, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The password for {@code url} from {@code env} and the {@code .pgpass} in {@code home}. */
    public static Optional<String> find(PostgresUrl url, Map<String, String> env, Path home) {
        String pw = env.get("PGPASSWORD");
        if (pw != null && !pw.isEmpty()) {
            return Optional.of(pw);
        }
        Path file = env.containsKey("PGPASSFILE") ? Path.of(env.get("PGPASSFILE")) : home.resolve(".pgpass");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file)) {
                List<String> f = fields(line);
                if (f.size() == 5 && matches(f.get(0), url.host()) && matches(f.get(1), String.valueOf(url.port()))
                        && matches(f.get(2), url.database()) && matches(f.get(3), url.user())) {
                    return Optional.of(f.get(4));
                }
            }
        } catch (IOException e) {
            // an unreadable file gives no password, as with libpq
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    /** The colon-separated fields of a line, escapes undone; a comment or blank line has none. */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        if (line.isBlank() || line.startsWith("#")) {
            return out;
        }
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }
}
