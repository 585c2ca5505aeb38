package io.ethbus.devchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the anvil executable is. The build installs it from npm into {@code tools/devchain},
 * where the platform package holds the native binary:
 * {@code node_modules/@foundry-rs/anvil-<os>-<arch>/bin/anvil}.
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
     * Finds anvil: the {@code ethbus.anvil} property, else the dev chain directory from the
     * {@code ethbus.devchain.dir} property, the {@code ETHBUS_DEVCHAIN_DIR} variable or
     * {@code tools/devchain} under the current directory.
     *
     * @throws AnvilNotFoundException when there is no executable at the resulting place
     */
    public static AnvilBinary locate() {
        String explicit = System.getProperty(BINARY_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return at(Path.of(explicit));
        }
        return inDevchainDir(devchainDir());
    }

    /** The dev chain directory the default lookup uses. */
    public static Path devchainDir() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(DIR_ENV);
        }
        return dir == null || dir.isBlank()
                ? Path.of("tools", "devchain").toAbsolutePath()
                : Path.of(dir).toAbsolutePath();
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

    private static boolean isWindows() {
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
