package io.ethbus.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves test parameters of one type to a value made once per test JVM, on first use, and
 * shared by every test class: JUnit's root store keeps it and closes it at the end of the run
 * when it is {@link AutoCloseable}.
 *
 * @param <T> the parameter type
 */
public abstract class PerJvmParameter<T> implements ParameterResolver {
    private final Class<T> type;

    protected PerJvmParameter(Class<T> type) {
        this.type = type;
    }

    /** Makes the value; called once per test JVM. */
    protected abstract T create();

    /** The shared value, made if no test has used it yet. */
    public final T value(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(getClass()))
                .getOrComputeIfAbsent(type, key -> create(), type);
    }

    @Override
    public final boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == type;
    }

    @Override
    public final Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return value(extensionContext);
    }
}
