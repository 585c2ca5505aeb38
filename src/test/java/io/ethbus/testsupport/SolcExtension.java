package io.ethbus.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the contracts of {@code src/test/resources/solidity}, compiled once per test JVM
 * by the pinned {@link Solc} (and once per source change across builds, by its disk cache).
 *
 * <pre>
 * &#64;ExtendWith(SolcExtension.class)
 * class SomeTest {
 *     &#64;Test void works(TestContracts contracts) { ... contracts.get("TestToken").creationCode() ... }
 * }
 * </pre>
 */
public final class SolcExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SolcExtension.class);

    /** The test contracts, compiled if no test has asked for them yet. */
    public static TestContracts testContracts(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TestContracts.class,
                key -> new TestContracts(Solc.pinned().compileDirectory(Solc.TEST_SOURCES)), TestContracts.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestContracts.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return testContracts(extensionContext);
    }
}
