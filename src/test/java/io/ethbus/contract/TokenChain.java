package io.ethbus.contract;

import io.ethbus.abi.Abi;
import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.testsupport.TestContracts;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.ethbus.testsupport.Await.result;

/**
 * A Vert.x, a client on anvil whose onion records every request that leaves it, and the
 * solc-compiled TestToken's ABI (an artifact with its bytecode). Tests deploy their own token.
 */
final class TokenChain implements AutoCloseable {
    static final BigInteger SUPPLY = new BigInteger("1000000000000000000000000");

    final Vertx vertx = Vertx.vertx();
    final HttpProvider provider;
    final EthClient client;
    final List<RpcRequest> sent = new CopyOnWriteArrayList<>();
    final Abi abi;
    /** anvil's first dev account, unlocked: the node signs for it. */
    final Address dev;
    final Address other;

    TokenChain(DevChain chain, TestContracts contracts) {
        provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        client = EthClient.direct(provider);
        client.middlewareOnion().add((request, next) -> {
            sent.add(request);
            return next.handle(request);
        }, "recorder");
        abi = Abi.fromJson(contracts.get("TestToken").artifactJson());
        dev = Address.of(chain.accounts().get(0));
        other = Address.of(chain.accounts().get(1));
    }

    /** A fresh TestToken("Test Token", "TT", SUPPLY) deployed by the dev account. */
    Contract deploy() {
        return result(Contract.deploy(vertx, client, abi, dev, null, "Test Token", "TT", SUPPLY));
    }

    /** How many requests of {@code method} left the client. */
    long sentCount(String method) {
        return sent.stream().filter(r -> r.method().equals(method)).count();
    }

    @Override
    public void close() {
        result(provider.close());
        result(vertx.close());
    }
}
