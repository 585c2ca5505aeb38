package io.ethbus.testsupport;

import io.ethbus.devchain.DevChain;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.vertx.core.Vertx;

/** A Vert.x instance and an HTTP provider on the shared dev chain, closed together. */
public record AnvilConnection(Vertx vertx, HttpProvider provider) implements AutoCloseable {
    public static AnvilConnection open(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        return new AnvilConnection(vertx, new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl())));
    }

    @Override
    public void close() {
        Await.result(provider.close());
        Await.result(vertx.close());
    }
}
