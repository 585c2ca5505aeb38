package io.ethbus.middleware;

import io.ethbus.abi.Abi;
import io.ethbus.client.EthClient;
import io.ethbus.devchain.DevChain;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.multicall.Multicall3;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.provider.HttpProvider;
import io.ethbus.rpc.RpcException;
import io.ethbus.testsupport.AnvilExtension;
import io.ethbus.testsupport.CountedAnvilConnection;
import io.ethbus.testsupport.SolcExtension;
import io.ethbus.testsupport.TestContracts;
import io.ethbus.testsupport.TokenOnChain;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MulticallBatchingMiddleware against TestToken on anvil: one eth_call on the wire, each caller its own answer. */
@ExtendWith({AnvilExtension.class, SolcExtension.class})
class MulticallBatchingMiddlewareAnvilTest {
    private CountedAnvilConnection anvil;
    private Context context;
    private HttpProvider provider;
    private TokenOnChain token;
    private final List<Address> holders = new ArrayList<>();

    @BeforeEach
    void deploy(DevChain chain, TestContracts contracts) {
        anvil = CountedAnvilConnection.open(chain);
        provider = anvil.provider();
        context = anvil.vertx().getOrCreateContext();
        EthClient setup = EthClient.direct(provider);
        token = TokenOnChain.deploy(setup, contracts);
        for (int i = 1; i <= 5; i++) {
            Address holder = Address.ofAnyCase(String.format("0x%040x", 0x7000 + i));
            token.mint(setup, holder, BigInteger.valueOf(100L * i));
            holders.add(holder);
        }
    }

    @AfterEach
    void close() {
        anvil.close();
    }

    @Test
    void callsOfOneTickReachTheNodeAsOneEthCallEachWithItsOwnAnswer() {
        List<TransactionRequest> calls = mixedCalls();
        List<Future<Bytes>> alone = inOneTick(EthClient.direct(provider), calls);
        EthClient batching = EthClient.direct(provider);
        batching.middlewareOnion().add(new MulticallBatchingMiddleware(), "multicallBatching");

        long before = anvil.calls();
        List<Future<Bytes>> batched = inOneTick(batching, calls);
        assertEquals(1, anvil.calls() - before, "the calls of one tick are one eth_call");

        for (int i = 0; i < calls.size(); i++) {
            if (alone.get(i).succeeded()) {
                assertTrue(batched.get(i).succeeded(), "call " + i + ": " + batched.get(i).cause());
                assertEquals(alone.get(i).result(), batched.get(i).result(), "call " + i);
            } else {
                RpcException direct = assertInstanceOf(RpcException.class, alone.get(i).cause(), "call " + i);
                RpcException coalesced = assertInstanceOf(RpcException.class, batched.get(i).cause(), "call " + i);
                assertEquals(direct.getClass(), coalesced.getClass());
                assertEquals(direct.code(), coalesced.code(), "call " + i);
                assertEquals(direct.data(), coalesced.data(), "call " + i);
            }
        }
        assertEquals(BigInteger.valueOf(300), token.abi().function("balanceOf").decodeReturn(batched.get(2).result()).getBigInteger(0));
        assertEquals(4, batched.stream().filter(Future::failed).count(), "the token's reverts are reverts");
    }

    @Test
    void aBatchHoldsAtMostItsBoundOfCalls() {
        EthClient batching = EthClient.direct(provider);
        batching.middlewareOnion().add(new MulticallBatchingMiddleware(Multicall3.CANONICAL_ADDRESS, 3), "multicallBatching");
        List<TransactionRequest> calls = mixedCalls();
        long before = anvil.calls();
        List<Future<Bytes>> answers = inOneTick(batching, calls);
        assertEquals(4, anvil.calls() - before, "ten calls in aggregate3s of at most three: 3 + 3 + 3 + 1");
        for (int i = 0; i < holders.size(); i++) {
            assertEquals(BigInteger.valueOf(100L * (i + 1)),
                    token.abi().function("balanceOf").decodeReturn(answers.get(i).result()).getBigInteger(0));
        }
    }

    @Test
    void offByDefault() {
        List<TransactionRequest> calls = mixedCalls();
        long before = anvil.calls();
        inOneTick(EthClient.direct(provider), calls);
        assertEquals(calls.size(), anvil.calls() - before);
    }

    @Test
    void aSingleCallAndCallsThatAreNotPlainGoOutUnchanged() {
        CountingTransport below = new CountingTransport(provider);
        EthClient batching = EthClient.over(below);
        batching.middlewareOnion().add(new MulticallBatchingMiddleware(), "multicallBatching");
        List<TransactionRequest> calls = List.of(
                balanceOf(holders.get(0)),
                balanceOf(holders.get(1)).toBuilder().from(token.deployer()).build(),
                TransactionRequest.builder().to(Multicall3.CANONICAL_ADDRESS)
                        .input(Multicall3.encode(List.of())).build());

        List<Future<Bytes>> answers = inOneTick(batching, calls);
        assertEquals(3, below.count("eth_call"));
        // the ones that are not plain go at once, the single plain one at the end of the tick
        List<Object> sent = below.seen.stream().map(r -> (Object) r.params().get(0)).toList();
        for (int i = 0; i < calls.size(); i++) {
            assertTrue(sent.contains(calls.get(i).toJson()), "call " + i + " unchanged: " + sent);
            assertNotNull(answers.get(i).result());
        }
    }

    @Test
    void withoutMulticall3AtTheAddressEachCallIsAnsweredOnItsOwn() {
        EthClient batching = EthClient.direct(provider);
        Address nowhere = Address.ofAnyCase("0x00000000000000000000000000000000000c0de1");
        batching.middlewareOnion().add(new MulticallBatchingMiddleware(nowhere, 10), "multicallBatching");
        List<TransactionRequest> calls = List.of(balanceOf(holders.get(0)), balanceOf(holders.get(4)));
        List<Future<Bytes>> answers = inOneTick(batching, calls);
        assertEquals(BigInteger.valueOf(100), token.abi().function("balanceOf").decodeReturn(answers.get(0).result()).getBigInteger(0));
        assertEquals(BigInteger.valueOf(500), token.abi().function("balanceOf").decodeReturn(answers.get(1).result()).getBigInteger(0));
    }

    @Test
    void aNodeThatAsksToSlowDownGetsNoBurstOfSingleCalls() {
        // inside the batching layer: refuses every eth_call with -32005 (limit exceeded), counting them
        java.util.concurrent.atomic.AtomicInteger reached = new java.util.concurrent.atomic.AtomicInteger();
        EthClient batching = EthClient.direct(provider);
        batching.middlewareOnion().add((request, next) -> {
            reached.incrementAndGet();
            return Future.succeededFuture(io.ethbus.rpc.RpcResponse.failure(request.id(),
                    new io.ethbus.rpc.RpcError(-32005, "limit exceeded")));
        }, "rateLimited");
        batching.middlewareOnion().add(new MulticallBatchingMiddleware(), "multicallBatching"); // outermost
        List<Future<Bytes>> answers = inOneTick(batching, List.of(balanceOf(holders.get(0)), balanceOf(holders.get(1)),
                balanceOf(holders.get(2))));
        assertEquals(1, reached.get(), "the one aggregate3, not each call again");
        for (Future<Bytes> answer : answers) {
            assertEquals(-32005, assertInstanceOf(RpcException.class, answer.cause()).code());
        }
    }

    /** Balances, a custom error, Error(string), a panic, an unknown selector (empty revert), and a call at another block. */
    private List<TransactionRequest> mixedCalls() {
        Abi abi = token.abi();
        List<TransactionRequest> calls = new ArrayList<>();
        for (Address holder : holders) {
            calls.add(balanceOf(holder));
        }
        calls.add(call(abi.function("transfer").encodeCall(holders.get(0), BigInteger.TEN)));
        calls.add(call(abi.function("mint").encodeCall(Address.ZERO, 1)));
        calls.add(call(abi.function("divide").encodeCall(7, 0)));
        calls.add(call(Bytes.of("0xdeadbeef")));
        calls.add(call(abi.function("name").encodeCall()));
        return calls;
    }

    private TransactionRequest balanceOf(Address holder) {
        return call(token.abi().function("balanceOf").encodeCall(holder));
    }

    private TransactionRequest call(Bytes input) {
        return TransactionRequest.builder().to(token.address()).input(input).build();
    }

    /** Issues every call from one task on the context and waits until all are answered. */
    private List<Future<Bytes>> inOneTick(EthClient client, List<TransactionRequest> calls) {
        Promise<List<Future<Bytes>>> issued = Promise.promise();
        context.runOnContext(v -> {
            List<Future<Bytes>> answers = new ArrayList<>();
            for (TransactionRequest call : calls) {
                answers.add(client.eth().call(call, BlockId.LATEST));
            }
            Future.join(answers).onComplete(done -> issued.complete(answers));
        });
        return result(issued.future());
    }

}
