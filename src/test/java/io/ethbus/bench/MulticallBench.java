package io.ethbus.bench;

import io.ethbus.abi.AbiFunction;
import io.ethbus.client.EthClient;
import io.ethbus.client.Multicall;
import io.ethbus.client.MulticallResult;
import io.ethbus.devchain.DevChain;
import io.ethbus.devchain.DevChainOptions;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.provider.HttpProvider;
import io.ethbus.provider.HttpProviderOptions;
import io.ethbus.testsupport.Solc;
import io.ethbus.testsupport.TestContracts;
import io.ethbus.testsupport.TokenOnChain;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

import static io.ethbus.testsupport.Await.result;

/**
 * Benchmark (not a test): ERC-20 {@code balanceOf} calls against its own anvil, one
 * {@code eth_call} each (one at a time, then 32 in flight) versus through
 * {@code client.multicall()} in chunks of 500, every answer decoded. Prints calls/s of each
 * and the ratio. Args: calls (10,000), rounds (3; the best round counts).
 */
public final class MulticallBench {
    private static final int HOLDERS = 100;
    private static final int IN_FLIGHT = 32;
    private static final int CHUNK = 500;

    private MulticallBench() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        TestContracts contracts = new TestContracts(Solc.pinned().compileDirectory(Solc.TEST_SOURCES));
        Vertx vertx = Vertx.vertx();
        try (DevChain chain = DevChain.start(DevChainOptions.in(Path.of("target", "bench-multicall")))) {
            HttpProvider provider = new HttpProvider(vertx,
                    HttpProviderOptions.builder(chain.httpUrl()).maxPoolSize(IN_FLIGHT).build());
            EthClient client = EthClient.direct(provider);
            TokenOnChain token = TokenOnChain.deploy(client, contracts);
            List<Address> holders = new ArrayList<>();
            for (int i = 1; i <= HOLDERS; i++) {
                Address holder = Address.ofAnyCase(String.format("0x%040x", 0x9000 + i));
                token.mint(client, holder, BigInteger.valueOf(i));
                holders.add(holder);
            }
            AbiFunction balanceOf = token.abi().function("balanceOf");
            Runs runs = new Runs(vertx, client, token.address(), balanceOf, holders);
            System.out.printf("multicall bench: %d balanceOf calls, best of %d rounds, %d cores, JVM %s%n",
                    calls, rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            runs.oneByOne(Math.min(calls, 2_000), IN_FLIGHT);
            runs.multicall(Math.min(calls, 2_000));
            double sequential = 0;
            double concurrent = 0;
            double multicall = 0;
            for (int round = 0; round < rounds; round++) {
                sequential = Math.max(sequential, runs.oneByOne(calls, 1));
                concurrent = Math.max(concurrent, runs.oneByOne(calls, IN_FLIGHT));
                multicall = Math.max(multicall, runs.multicall(calls));
            }
            System.out.printf("one by one, sequential:      %,10.0f calls/s%n", sequential);
            System.out.printf("one by one, %d in flight:    %,10.0f calls/s%n", IN_FLIGHT, concurrent);
            System.out.printf("multicall, chunks of %d:    %,10.0f calls/s%n", CHUNK, multicall);
            System.out.printf("multicall / sequential: %.1fx, multicall / %d in flight: %.1fx%n",
                    multicall / sequential, IN_FLIGHT, multicall / concurrent);
            result(provider.close());
        } finally {
            result(vertx.close());
        }
    }

    /** The timed runs; each checks its answers against the minted balances before it counts. */
    private record Runs(Vertx vertx, EthClient client, Address token, AbiFunction balanceOf, List<Address> holders) {
        /** calls/s of {@code calls} single eth_calls, {@code inFlight} at a time. */
        double oneByOne(int calls, int inFlight) {
            AtomicReferenceArray<BigInteger> balances = new AtomicReferenceArray<>(calls);
            long start = System.nanoTime();
            result(InFlightLoop.run(vertx, calls, inFlight, i -> client.eth()
                    .call(TransactionRequest.builder().to(token).input(balanceOf.encodeCall(holder(i))).build(), BlockId.LATEST)
                    .map(data -> {
                        balances.set(i, balanceOf.decodeReturn(data).getBigInteger(0));
                        return null;
                    })), 600);
            double perSecond = calls / ((System.nanoTime() - start) / 1e9);
            for (int i = 0; i < calls; i++) {
                check(i, balances.get(i));
            }
            return perSecond;
        }

        /** calls/s of {@code calls} through one multicall in chunks of {@value #CHUNK}, building and decoding included. */
        double multicall(int calls) {
            long start = System.nanoTime();
            Future<List<MulticallResult>> answered = vertx.getOrCreateContext().<Multicall>executeBlocking(() -> {
                Multicall multicall = client.multicall().chunkSize(CHUNK);
                for (int i = 0; i < calls; i++) {
                    multicall.add(token, balanceOf, holder(i));
                }
                return multicall;
            }).compose(Multicall::execute);
            List<MulticallResult> results = result(answered, 600);
            double perSecond = calls / ((System.nanoTime() - start) / 1e9);
            for (int i = 0; i < calls; i++) {
                check(i, results.get(i).valuesOrThrow().getBigInteger(0));
            }
            return perSecond;
        }

        private Address holder(int call) {
            return holders.get(call % holders.size());
        }

        private void check(int call, BigInteger balance) {
            if (!BigInteger.valueOf(call % holders.size() + 1).equals(balance)) {
                throw new IllegalStateException("call " + call + " answered " + balance);
            }
        }
    }
}
