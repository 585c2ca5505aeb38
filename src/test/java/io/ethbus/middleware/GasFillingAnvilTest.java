package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.FeeHistory;
import io.ethbus.primitives.Hex;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.testsupport.AnvilExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import io.ethbus.testsupport.Mined;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gas price strategies and the buffered gas estimate, checked on the transactions anvil mines. */
@ExtendWith(AnvilExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GasFillingAnvilTest {
    Vertx vertx;
    HttpProvider provider;
    RpcCaller plain;
    String alice;
    String bob;

    @BeforeAll
    void start(DevChain chain) {
        vertx = Vertx.vertx();
        provider = new HttpProvider(vertx, HttpProviderOptions.of(chain.httpUrl()));
        plain = new RpcCaller(provider);
        JsonNode accounts = result(plain.request("eth_accounts"));
        alice = accounts.get(0).asText();
        bob = accounts.get(1).asText();
    }

    @AfterAll
    void stop() {
        result(provider.close());
        result(vertx.close());
    }

    /** A strategy that remembers every price it handed out. */
    static final class Recording implements GasPriceStrategy {
        final GasPriceStrategy inner;
        final List<BigInteger> prices = new ArrayList<>();

        Recording(GasPriceStrategy inner) {
            this.inner = inner;
        }

        @Override
        public Future<BigInteger> gasPrice(ObjectNode transaction, Middleware.Next next) {
            return inner.gasPrice(transaction, next).onSuccess(p -> {
                synchronized (prices) {
                    prices.add(p);
                }
            });
        }
    }

    ObjectNode transfer() {
        return JsonRpcCodec.mapper().createObjectNode().put("from", alice).put("to", bob).put("value", "0x2a");
    }

    JsonNode sendAndFetch(RpcCaller caller, ObjectNode tx) {
        String hash = result(caller.request("eth_sendTransaction", tx)).asText();
        JsonNode receipt = Mined.receipt(plain, hash);
        assertEquals("0x1", receipt.get("status").asText(), "mined and succeeded");
        return Mined.transaction(plain, hash);
    }

    RpcCaller with(Middleware middleware) {
        return new RpcCaller(new Onion().add(middleware, "layer").around(provider));
    }

    @Test
    void nodeStrategyPricesALegacyTransaction() {
        Recording strategy = new Recording(new NodeGasPriceStrategy());
        JsonNode tx = sendAndFetch(with(new GasPriceStrategyMiddleware(strategy)), transfer());
        assertEquals(1, strategy.prices.size());
        assertEquals("0x0", tx.get("type").asText());
        assertEquals(strategy.prices.get(0), Hex.toBigInteger(tx.get("gasPrice").asText()));
    }

    @Test
    void feeHistoryStrategyPricesALegacyTransactionAboveTheBaseFee() {
        result(plain.request("anvil_mine", "0x3"));
        Recording strategy = new Recording(new FeeHistoryGasPriceStrategy(4, 50.0));
        JsonNode tx = sendAndFetch(with(new GasPriceStrategyMiddleware(strategy)), transfer());
        assertEquals(1, strategy.prices.size());
        BigInteger price = strategy.prices.get(0);
        assertEquals(price, Hex.toBigInteger(tx.get("gasPrice").asText()));
        JsonNode block = result(plain.request("eth_getBlockByNumber", tx.get("blockNumber").asText(), false));
        assertTrue(price.compareTo(Hex.toBigInteger(block.get("baseFeePerGas").asText())) >= 0, "price " + price);
    }

    @Test
    void pricedAndDynamicFeeTransactionsAreLeftAlone() {
        Recording strategy = new Recording(new NodeGasPriceStrategy());
        RpcCaller caller = with(new GasPriceStrategyMiddleware(strategy));
        JsonNode dynamic = sendAndFetch(caller, transfer().put("maxFeePerGas", "0x77359400").put("maxPriorityFeePerGas", "0x1"));
        assertEquals("0x2", dynamic.get("type").asText());
        JsonNode priced = sendAndFetch(caller, transfer().put("gasPrice", "0x77359401"));
        assertEquals(new BigInteger("77359401", 16), Hex.toBigInteger(priced.get("gasPrice").asText()));
        JsonNode typed = sendAndFetch(caller, transfer().put("type", "0x2"));
        assertEquals("0x2", typed.get("type").asText());
        assertEquals(0, strategy.prices.size());
    }

    @Test
    void feeHistoryPriceIsNextBaseFeePlusMeanReward() {
        FeeHistory history = new FeeHistory(10, List.of(BigInteger.valueOf(100), BigInteger.valueOf(90), BigInteger.valueOf(80)),
                List.of(0.5, 0.5), List.of(List.of(BigInteger.valueOf(4)), List.of(BigInteger.valueOf(6))), null, null);
        assertEquals(BigInteger.valueOf(85), FeeHistoryGasPriceStrategy.price(history));
    }

    @Test
    void bufferedEstimateAddsOneHundredThousand() {
        JsonNode tx = sendAndFetch(with(new BufferedGasEstimateMiddleware()), transfer());
        assertEquals(BigInteger.valueOf(121_000), Hex.toBigInteger(tx.get("gas").asText()));

        JsonNode given = sendAndFetch(with(new BufferedGasEstimateMiddleware()), transfer().put("gas", "0x5209"));
        assertEquals(BigInteger.valueOf(21_001), Hex.toBigInteger(given.get("gas").asText()));
    }

    @Test
    void bufferedEstimateNeverExceedsTheBlockGasLimit() {
        List<String> methods = new ArrayList<>();
        Middleware.Next node = request -> {
            methods.add(request.method());
            JsonNode result = switch (request.method()) {
                case "eth_estimateGas" -> TextNode.valueOf("0x1c9c380"); // 30,000,000
                case "eth_getBlockByNumber" -> latestBlock("0x1c9c381"); // 30,000,001
                default -> TextNode.valueOf(request.params().get(0).get("gas").asText());
            };
            return Future.succeededFuture(RpcResponse.success(request.id(), result));
        };
        RpcRequest send = new RpcRequest(1, "eth_sendTransaction", JsonRpcCodec.params(transfer()));
        RpcResponse answer = result(new BufferedGasEstimateMiddleware().handle(send, node));
        assertEquals("0x1c9c381", answer.result().asText());
        assertEquals(List.of("eth_estimateGas", "eth_getBlockByNumber", "eth_sendTransaction"), methods);
    }

    JsonNode latestBlock(String gasLimit) {
        return result(plain.request("eth_getBlockByNumber", "latest", false)).deepCopy() instanceof ObjectNode o
                ? o.put("gasLimit", gasLimit) : null;
    }
}
