package example;

import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

/** Prints the chain id and head of a node: the URL given, else a local dev chain it starts. */
public class FirstProgram {
    public static void main(String[] args) throws Exception {
        DevChain devChain = args.length > 0 ? null : DevChain.start(DevChainOptions.in(Files.createTempDirectory("devchain")));
        String url = devChain != null ? devChain.httpUrl() : args[0];
        Vertx vertx = Vertx.vertx();
        try {
            EthClient client = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of(url)));
            BigInteger chainId = await(client.eth().chainId());
            long head = await(client.eth().blockNumber());
            System.out.println("chain " + chainId + ", head block " + head);
        } finally {
            await(vertx.close());
            if (devChain != null) {
                devChain.close();
            }
        }
    }

    // main is not an event loop: blocking here is fine
    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
