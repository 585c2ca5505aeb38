package io.ethbus.devchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where the anvil executable is. An npm install of {@code @foundry-rs/anvil} (the checkout's
 * {@code tools/devchain}, or the user cache of {@link AnvilCache}) holds the native binary in
 * its platform package: {@code node_modules/@foundry-rs/anvil-<os>-<arch>/bin/anvil}.
 *
 * @param path the executable
 */
public record AnvilBinary(Path path) {
    /** System property naming the anvil executable explicitly. */
    public static final String BINARY_PROPERTY = "ethbus.anvil";
    /** System property naming the dev chain directory (the one holding node_modules). */
    public static final String DIR_PROPERTY = "ethbus.devchain.dir";
    /** Environment variable naming the dev chain directory. */
    public static final String DIR_ENV = "ETHBUS_DEVCHAIN_DIR";

    /**
     * Finds anvil for this process, from any working directory; see
     * {@link #locate(Map, Properties, Path)}. Blocks (it may install anvil): not for an event loop.
     *
     * @throws AnvilNotFoundException when there is none and none can be installed
     */
    public static AnvilBinary locate() {
        return locate(System.getenv(), System.getProperties(), Path.of("").toAbsolutePath());
    }

    /**
     * Finds anvil, first match wins: the {@code ethbus.anvil} property (an executable); the dev
     * chain directory of the {@code ethbus.devchain.dir} property or the {@code ETHBUS_DEVCHAIN_DIR}
     * variable; {@code tools/devchain} under {@code workingDir} when it holds an installed anvil
     * (an ethbus checkout); else the user cache ({@link AnvilCache#ofUser}), installing the
     * pinned version there with npm when it is not there yet. Blocks.
     *
     * @throws AnvilNotFoundException when a named place holds no anvil, or the install fails
     */
    public static AnvilBinary locate(Map<String, String> env, Properties properties, Path workingDir) {
        String explicit = properties.getProperty(BINARY_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return at(Path.of(explicit));
        }
        String dir = properties.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = env.get(DIR_ENV);
        }
        if (dir != null && !dir.isBlank()) {
            return inDevchainDir(Path.of(dir).toAbsolutePath());
        }
        try {
            return inDevchainDir(workingDir.resolve("tools").resolve("devchain"));
        } catch (AnvilNotFoundException notACheckout) {
            return AnvilCache.ofUser(env, properties).binary();
        }
    }

    /**
     * The binary in the platform package under {@code devchainDir}, else npm's
     * {@code node_modules/.bin/anvil} launcher (which needs node on the PATH).
     *
     * @throws AnvilNotFoundException when neither exists
     */
    public static AnvilBinary inDevchainDir(Path devchainDir) {
        Path modules = devchainDir.resolve("node_modules");
        Path nativeBinary = modules.resolve("@foundry-rs")
                .resolve("anvil-" + platformOs() + "-" + platformArch())
                .resolve("bin")
                .resolve(isWindows() ? "anvil.exe" : "anvil");
        if (Files.isExecutable(nativeBinary)) {
            return new AnvilBinary(nativeBinary);
        }
        Path npmLauncher = modules.resolve(".bin").resolve(isWindows() ? "anvil.cmd" : "anvil");
        if (Files.isExecutable(npmLauncher)) {
            return new AnvilBinary(npmLauncher);
        }
        throw new AnvilNotFoundException(nativeBinary);
    }

    /**
     * An explicit executable.
     *
     * @throws AnvilNotFoundException when {@code path} is not an executable file
     */
    public static AnvilBinary at(Path path) {
        Path absolute = path.toAbsolutePath();
        if (!Files.isRegularFile(absolute) || !Files.isExecutable(absolute)) {
            throw new AnvilNotFoundException(absolute);
        }
        return new AnvilBinary(absolute);
    }

    static boolean isWindows() {
        return platformOs().equals("win32");
    }

    // npm's names (process.platform / a fixed arch spelling), which the package names use.
    private static String platformOs() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            return "win32";
        }
        return os.contains("mac") || os.contains("darwin") ? "darwin" : "linux";
    }

    private static String platformArch() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    }
}
