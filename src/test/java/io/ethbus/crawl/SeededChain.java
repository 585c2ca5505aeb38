package io.ethbus.crawl;

import io.ethbus.devchain.DemoChainSeeder;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.Await;
import io.vertx.core.Vertx;

/**
 * An anvil of a test class's own with the demo history seeded (25 blocks of transfers and
 * token calls with their logs), and a caller on it.
 */
record SeededChain(DevChain chain, Vertx vertx, HttpProvider provider, RpcCaller caller, long head)
        implements AutoCloseable {

    static SeededChain start() {
        DevChain chain = DevChain.start(DevChainOptions.in(AnvilExtension.workDir()));
        Vertx vertx = Vertx.vertx();
        HttpProvider provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        RpcCaller caller = new RpcCaller(provider);
        long head = Await.result(new DemoChainSeeder(caller, chain.accounts()).seed(25, 2, 2), 60);
        return new SeededChain(chain, vertx, provider, caller, head);
    }

    @Override
    public void close() {
        Await.result(vertx.close());
        chain.close();
    }
}
