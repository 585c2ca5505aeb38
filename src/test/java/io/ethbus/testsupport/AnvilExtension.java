package io.ethbus.testsupport;

import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
public final class AnvilExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AnvilExtension.class);

    /** The shared dev chain, started if no test has used it yet. */
    public static DevChain devChain(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(DevChain.class, key -> DevChain.start(DevChainOptions.in(workDir())), DevChain.class);
    }

    /** Where tests put their files: {@code ethbus.test.workdir} (Maven's target/), else target/. */
    public static Path workDir() {
        return Path.of(System.getProperty("ethbus.test.workdir", "target")).toAbsolutePath();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == DevChain.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return devChain(extensionContext);
    }
}
