package io.ethbus.testsupport;

import io.ethbus.devchain.DevChain;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.vertx.core.Vertx;

/**
 * As {@link AnvilConnection}, with a {@link CountingHttpProxy} between the provider and the
 * dev chain, so that a test can count the calls that reached the node; closed together.
 */
public record CountedAnvilConnection(Vertx vertx, CountingHttpProxy proxy, HttpProvider provider) implements AutoCloseable {
    public static CountedAnvilConnection open(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        CountingHttpProxy proxy = new CountingHttpProxy(vertx, chain.port());
        return new CountedAnvilConnection(vertx, proxy, new HttpProvider(vertx, HttpProviderOptions.of(proxy.url())));
    }

    /** The JSON-RPC calls that reached the node so far (a batch counts its items). */
    public long calls() {
        return proxy.callsPerSecond().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        Await.result(provider.close());
        proxy.close();
        Await.result(vertx.close());
    }
}
