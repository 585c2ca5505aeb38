package io.ethbus.provider;

/** How a {@link RoutingProvider} shares calls between its endpoints. */
public enum RoutingMode {
    /** The best healthy endpoint (lowest priority number, then weight) takes every call; the next one when it fails. */
    FALLBACK,
    /** Calls shared by weight among healthy endpoints, each call to one endpoint only (for crawlers; never duplicates paid requests). */
    SPREAD
}
