package io.ethbus.provider;

import java.util.Objects;

/**
 * One URL of a logical endpoint: its provider, a weight for {@link RoutingMode#SPREAD} and a
 * priority for {@link RoutingMode#FALLBACK} (lower is preferred).
 */
public record RoutedEndpoint(Provider provider, int weight, int priority) {
    public RoutedEndpoint {
        Objects.requireNonNull(provider, "provider");
        if (weight < 1) {
            throw new IllegalArgumentException("weight must be at least 1");
        }
    }

    public static RoutedEndpoint of(Provider provider) {
        return new RoutedEndpoint(provider, 1, 0);
    }
}
