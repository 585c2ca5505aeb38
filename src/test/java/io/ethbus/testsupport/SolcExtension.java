package io.ethbus.testsupport;

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
public final class SolcExtension extends PerJvmParameter<TestContracts> {
    public SolcExtension() {
        super(TestContracts.class);
    }

    @Override
    protected TestContracts create() {
        return new TestContracts(Solc.pinned().compileDirectory(Solc.TEST_SOURCES));
    }
}
