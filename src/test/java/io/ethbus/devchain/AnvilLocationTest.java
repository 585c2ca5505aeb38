package io.ethbus.devchain;

import io.ethbus.rpc.JsonRpcCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where anvil is found when no one says: a named dev chain directory, the checkout's
 * {@code tools/devchain}, else the user cache, installed there with npm on first use, so that a
 * library user's dev chain needs no ethbus checkout.
 */
class AnvilLocationTest {
    // the checkout's dev chain, installed by the build (surefire runs in the project root)
    private static final Path CHECKOUT = Path.of("").toAbsolutePath();
    private static final Path CHECKOUT_DEVCHAIN = CHECKOUT.resolve("tools").resolve("devchain");

    @Test
    void aNamedDevchainDirWinsOverTheWorkingDirectory(@TempDir Path elsewhere) {
        AnvilBinary anvil = AnvilBinary.locate(Map.of(AnvilBinary.DIR_ENV, CHECKOUT_DEVCHAIN.toString()),
                new Properties(), elsewhere);
        assertTrue(anvil.path().startsWith(CHECKOUT_DEVCHAIN), anvil.path().toString());
    }

    @Test
    void aNamedDevchainDirWithoutAnvilIsATypedFailureNotAnInstall(@TempDir Path empty, @TempDir Path cache) {
        AnvilNotFoundException e = assertThrows(AnvilNotFoundException.class, () -> AnvilBinary.locate(
                Map.of(AnvilBinary.DIR_ENV, empty.toString(), "XDG_CACHE_HOME", cache.toString()), new Properties(), empty));
        assertTrue(e.lookedAt().startsWith(empty), e.lookedAt().toString());
        assertFalse(Files.exists(cache.resolve("ethbus")), "installed although a directory was named");
    }

    @Test
    void inACheckoutItsToolsDevchain(@TempDir Path cache) {
        AnvilBinary anvil = AnvilBinary.locate(Map.of("XDG_CACHE_HOME", cache.toString()), new Properties(), CHECKOUT);
        assertTrue(anvil.path().startsWith(CHECKOUT_DEVCHAIN), anvil.path().toString());
        assertFalse(Files.exists(cache.resolve("ethbus")));
    }

    @Test
    void outsideACheckoutThePinnedAnvilIsInstalledOnceIntoTheUserCache(@TempDir Path workingDir, @TempDir Path cache)
            throws Exception {
        String pinned = JsonRpcCodec.mapper().readTree(CHECKOUT_DEVCHAIN.resolve("package.json").toFile())
                .path("dependencies").path("@foundry-rs/anvil").asText();
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
        Path versionDir = cache.resolve("ethbus").resolve("devchain").resolve("anvil-" + pinned);

        AnvilBinary installed = AnvilBinary.locate(env, new Properties(), workingDir);
        assertTrue(installed.path().startsWith(versionDir), installed.path().toString());
        assertTrue(version(installed).contains(pinned), version(installed));

        AnvilBinary again = AnvilBinary.locate(env, new Properties(), workingDir);
        assertEquals(installed, again);
        try (Stream<Path> entries = Files.list(versionDir.getParent())) {
            assertEquals(List.of(versionDir), entries.toList(), "staging directories left behind");
        }
    }

    private static String version(AnvilBinary anvil) throws Exception {
        Process p = new ProcessBuilder(anvil.path().toString(), "--version").redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "anvil --version hangs");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
