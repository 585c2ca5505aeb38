package io.ethbus.devchain;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.JsonRpcCodec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The pinned anvil in a user cache directory ({@code ~/.cache/ethbus/devchain/anvil-<version>},
 * under {@code $XDG_CACHE_HOME} when set), so that the dev chain works outside an ethbus checkout.
 * It is installed on first use with {@code npm ci} from the {@code package.json} and
 * {@code package-lock.json} the jar carries (copies of {@code tools/devchain}'s).
 *
 * <p>Installing blocks for seconds (a download): call it from a main or test thread, never
 * from a Vert.x event loop.
 *
 * @param root the directory holding one sub-directory per anvil version
 */
public record AnvilCache(Path root) {
    private static final String PACKAGE_JSON = "package.json";
    private static final String PACKAGE_LOCK = "package-lock.json";
    private static final String ANVIL_PACKAGE = "@foundry-rs/anvil";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    /** The cache of this user: {@code $XDG_CACHE_HOME/ethbus/devchain}, else {@code ~/.cache/ethbus/devchain}. */
    public static AnvilCache ofUser(Map<String, String> env, Properties properties) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(properties.getProperty("user.home", "."), ".cache");
        return new AnvilCache(base.resolve("ethbus").resolve("devchain").toAbsolutePath());
    }

    /** The dev chain directory of the pinned version (it may not exist yet). */
    public Path devchainDir() {
        return root.resolve("anvil-" + pinnedVersion());
    }

    /**
     * The cached anvil, installed first when absent. Blocks.
     *
     * @throws AnvilNotFoundException when npm is missing or the install fails
     */
    public AnvilBinary binary() {
        Path dir = devchainDir();
        try {
            return AnvilBinary.inDevchainDir(dir);
        } catch (AnvilNotFoundException notYet) {
            install(dir);
            return AnvilBinary.inDevchainDir(dir);
        }
    }

    // Installs into a private directory and renames it into place: a concurrent JVM either
    // sees no directory or a complete one, and the loser of a race drops its copy.
    private static void install(Path dir) {
        Path staging;
        try {
            Files.createDirectories(dir.getParent());
            staging = Files.createTempDirectory(dir.getParent(), ".install-");
            for (String name : List.of(PACKAGE_JSON, PACKAGE_LOCK)) {
                Files.write(staging.resolve(name), resource(name));
            }
        } catch (IOException e) {
            throw new AnvilNotFoundException(dir, "cannot prepare the anvil cache " + dir + ": " + e.getMessage());
        }
        try {
            runNpmCi(staging, dir);
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // another JVM installed it meanwhile: its copy is as good as ours
                if (!Files.isDirectory(dir)) {
                    throw new AnvilNotFoundException(dir, "cannot move the installed anvil to " + dir + ": " + e.getMessage());
                }
                DevChain.deleteTree(staging);
            }
        } catch (RuntimeException e) {
            DevChain.deleteTree(staging);
            throw e;
        }
    }

    private static void runNpmCi(Path staging, Path dir) {
        Path log = staging.resolve("npm.log");
        List<String> command = List.of(AnvilBinary.isWindows() ? "npm.cmd" : "npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts");
        try {
            Process npm = new ProcessBuilder(command).directory(staging.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            npm.getOutputStream().close();
            if (!npm.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                npm.descendants().forEach(ProcessHandle::destroyForcibly);
                npm.destroyForcibly();
                throw new AnvilNotFoundException(dir, "npm ci did not finish within " + INSTALL_TIMEOUT.toMinutes()
                        + " minutes while installing anvil into " + dir);
            }
            if (npm.exitValue() != 0) {
                throw new AnvilNotFoundException(dir, "npm ci exited with code " + npm.exitValue()
                        + " while installing anvil into " + dir + ":\n" + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new AnvilNotFoundException(dir, "cannot run npm to install anvil into " + dir + " (" + e.getMessage()
                    + "); install Node.js with npm, or point ETHBUS_DEVCHAIN_DIR at a directory where"
                    + " `npm install @foundry-rs/anvil` ran, or the system property ethbus.anvil at an anvil binary");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnvilNotFoundException(dir, "interrupted while installing anvil into " + dir);
        }
    }

    /** The anvil version the jar's {@code package.json} pins. */
    static String pinnedVersion() {
        try {
            JsonNode pkg = JsonRpcCodec.mapper().readTree(resource(PACKAGE_JSON));
            String version = pkg.path("dependencies").path(ANVIL_PACKAGE).asText("");
            if (version.isEmpty()) {
                throw new IllegalStateException("the built-in package.json pins no " + ANVIL_PACKAGE);
            }
            return version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AnvilCache.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the built-in " + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        }
    }
}
