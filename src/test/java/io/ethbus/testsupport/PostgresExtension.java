package io.ethbus.testsupport;

/**
 * Gives tests a {@link PostgresServer}: one per test JVM, started on first use and shared by
 * every test class, stopped by JUnit at the end of the run. Each test makes its own database.
 *
 * <pre>
 * &#64;ExtendWith(PostgresExtension.class)
 * class SomeTest {
 *     &#64;Test void works(PostgresServer pg) { ... pg.url(pg.createDatabase("t1")) ... }
 * }
 * </pre>
 */
public final class PostgresExtension extends PerJvmParameter<PostgresServer> {
    public PostgresExtension() {
        super(PostgresServer.class);
    }

    @Override
    protected PostgresServer create() {
        return PostgresServer.start();
    }
}
