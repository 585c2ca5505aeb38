package io.ethbus.node;

import io.ethbus.client.EthClient;
import io.ethbus.client.SubscriptionStream;
import io.ethbus.devchain.DevChain;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.LogEmitter;
import io.ethbus.testsupport.LogRangeLimitProxy;
import io.ethbus.testsupport.Mined;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** streamLogs over 5,000 blocks through a node that refuses ranges wider than 100 blocks. */
@ExtendWith(AnvilExtension.class)
class StreamLogsTest {
    @Test
    void everyLogOnceInBlockOrderDespiteRangeLimits(DevChain chain) {
        Vertx vertx = Vertx.vertx();
        try (LogRangeLimitProxy proxy = new LogRangeLimitProxy(vertx, chain.port(), 100)) {
            EthClient direct = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl())));
            Address alice = result(direct.eth().accounts()).get(0);
            Hash deploy = result(direct.eth().sendTransaction(TransactionRequest.builder().from(alice)
                    .input(Bytes.of(LogEmitter.DEPLOY_INPUT)).build()));
            Address contract = Address.of(Mined.receipt(direct, deploy.toHex()).get("contractAddress").asText());
            long start = result(direct.eth().blockNumber());

            List<Hash> emitted = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Hash h = result(direct.eth().sendTransaction(TransactionRequest.builder().from(alice).to(contract)
                        .input(Bytes.wrap(new byte[]{(byte) i})).build()));
                Mined.receipt(direct, h.toHex());
                emitted.add(h);
                result(direct.request("anvil_mine", "0x" + Integer.toHexString(60 + (i * 37) % 80)));
            }
            long end = result(direct.eth().blockNumber());
            assertTrue(end - start >= 5_000, "spans " + (end - start) + " blocks");

            EthClient limited = EthClient.direct(new HttpProvider(vertx, HttpProviderOptions.of(proxy.url())));
            List<Log> logs = new CopyOnWriteArrayList<>();
            Promise<Void> ended = Promise.promise();
            SubscriptionStream<Log> stream = limited.streamLogs(LogFilter.builder().fromBlock(BlockId.number(start))
                    .toBlock(BlockId.LATEST).address(contract).build());
            stream.exceptionHandler(ended::tryFail).endHandler(v -> ended.tryComplete()).handler(logs::add);
            result(ended.future(), 120);

            assertEquals(emitted, logs.stream().map(Log::transactionHash).toList(), "every log once, in block order");
            for (int i = 1; i < logs.size(); i++) {
                assertTrue(logs.get(i).blockNumber() > logs.get(i - 1).blockNumber());
            }
            assertTrue(proxy.refused() > 0, "the node refused wide ranges");
            assertTrue(proxy.served() >= (end - start) / 100, "served " + proxy.served());
        } finally {
            result(vertx.close());
        }
    }
}
