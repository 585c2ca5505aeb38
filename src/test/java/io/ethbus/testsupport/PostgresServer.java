package io.ethbus.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of its own in a temporary directory: {@code initdb} and {@code pg_ctl}
 * from Debian's package (on PATH or under {@code /usr/lib/postgresql/<version>/bin}), listening
 * on a free loopback port only (its unix socket in the temporary directory). Run as root, as CI
 * runs, initdb refuses to work, so the server then runs as the {@code postgres} user the
 * package creates. The superuser {@code ethbus} logs in without a password over TCP; the role
 * {@link #PASSWORD_USER} needs {@link #PASSWORD}, for tests of logins. {@link #close()} stops
 * the server and deletes its directory.
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser, trusted on loopback. */
    public static final String USER = "ethbus";
    /** A role that must give its password. */
    public static final String PASSWORD_USER = "ethbus_pw";
    public static final String PASSWORD = "s3cret-pw";

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path dir, Path bin, int port, boolean asPostgresUser) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Initialises and starts a server; fails with what to install when PostgreSQL is missing. */
    public static PostgresServer start() {
        Path bin = binDirectory().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL is not installed: no initdb on PATH or under /usr/lib/postgresql/*/bin. "
                        + "Install Debian's package: apt-get install -y postgresql"));
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("ethbus-pg-");
            PostgresServer server = new PostgresServer(dir, bin, freeLoopbackPort(), root);
            server.initAndStart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("starting PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    private void initAndStart() throws IOException {
        Path data = dir.resolve("data");
        Path pwFile = dir.resolve("pw");
        Files.writeString(pwFile, "unused-superuser-pw\n");
        if (asPostgresUser) {
            run("chown", "-R", "postgres", dir.toString());
        }
        runAsServer(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync");
        // loopback TCP only: the password role first, then everyone trusted
        Files.writeString(data.resolve("pg_hba.conf"), String.join("\n",
                "local all all trust",
                "host all " + PASSWORD_USER + " 127.0.0.1/32 scram-sha-256",
                "host all all 127.0.0.1/32 trust", ""), StandardCharsets.UTF_8);
        if (asPostgresUser) {
            run("chown", "-R", "postgres", dir.toString());
        }
        runAsServer(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w",
                "-t", "60", "-o", "-c listen_addresses=127.0.0.1 -p " + port + " -c unix_socket_directories=" + dir
                        + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off", "start");
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + PASSWORD_USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE ethbus_pw OWNER " + PASSWORD_USER);
        } catch (SQLException e) {
            throw new IOException("setting up roles failed: " + e.getMessage(), e);
        }
    }

    /** The TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The process id of the server's postmaster, the parent of every backend (for benchmarks' CPU counts). */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dir.resolve("data").resolve("postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("reading postmaster.pid failed: " + e.getMessage(), e);
        }
    }

    /** A fresh database owned by the superuser; returns its name. */
    public String createDatabase(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("CREATE DATABASE " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** The crawl's URL for {@code database} as the trusted superuser: {@code postgresql://ethbus@127.0.0.1:port/db}. */
    public String url(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    /** A JDBC connection to {@code database} as the superuser. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, "");
    }

    @Override
    public void close() {
        try {
            runAsServer(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                    "-w", "stop");
        } catch (IOException | RuntimeException e) {
            // the directory goes anyway; a server left running dies with its files
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    private void runAsServer(String... command) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full.toArray(String[]::new));
    }

    private void run(String... command) throws IOException {
        Path out = Files.createTempFile("ethbus-pg-cmd", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                String log = Files.exists(dir.resolve("log")) ? Files.readString(dir.resolve("log")) : "";
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + Files.readString(out) + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** initdb's directory: on PATH, else the newest {@code /usr/lib/postgresql/<version>/bin}. */
    private static Optional<Path> binDirectory() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
                return Optional.of(Path.of(entry));
            }
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
