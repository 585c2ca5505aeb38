package io.ethbus.testsupport;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;

import java.nio.file.Path;

/**
 * Gives tests a {@link DevChain}: one anvil per test JVM, started on first use and shared by
 * every test class, stopped by JUnit at the end of the run (the root store closes
 * {@link AutoCloseable} values).
 *
 * <pre>
 * &#64;ExtendWith(AnvilExtension.class)
 * class SomeTest {
 *     &#64;Test void works(DevChain chain) { ... chain.httpUrl() ... }
 * }
 * </pre>
 */
public final class AnvilExtension extends PerJvmParameter<DevChain> {
    public AnvilExtension() {
        super(DevChain.class);
    }

    /** Where tests put their files: {@code ethbus.test.workdir} (Maven's target/), else target/. */
    public static Path workDir() {
        return Path.of(System.getProperty("ethbus.test.workdir", "target")).toAbsolutePath();
    }

    @Override
    protected DevChain create() {
        return DevChain.start(DevChainOptions.in(workDir()));
    }
}
