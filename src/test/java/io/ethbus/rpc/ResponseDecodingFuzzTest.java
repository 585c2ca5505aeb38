package io.ethbus.rpc;

import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hash;
import io.ethbus.eth.LogFilter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds mutated node answers to the decoders (the JSON-RPC envelope, batches, and the typed
 * records behind them): whatever the bytes, the only outcomes allowed are a decoded value or
 * a typed {@link EthbusException}. Seeded, bounded in count and time.
 */
class ResponseDecodingFuzzTest {
    static final long SEED = 0x5eed_e7b5L;
    static final int CASES = 20_000;
    static final long TIME_LIMIT_NANOS = 20_000_000_000L;

    static final String BLOCK = "{\"number\":\"0x1b4\",\"hash\":\"0x" + "ab".repeat(32) + "\",\"parentHash\":\"0x" + "cd".repeat(32)
            + "\",\"nonce\":\"0x0000000000000042\",\"sha3Uncles\":\"0x" + "00".repeat(32) + "\",\"logsBloom\":\"0x" + "00".repeat(256)
            + "\",\"transactionsRoot\":\"0x" + "11".repeat(32) + "\",\"stateRoot\":\"0x" + "22".repeat(32)
            + "\",\"receiptsRoot\":\"0x" + "33".repeat(32) + "\",\"miner\":\"0x" + "44".repeat(20)
            + "\",\"difficulty\":\"0x0\",\"extraData\":\"0x\",\"size\":\"0x220\",\"gasLimit\":\"0x1c9c380\",\"gasUsed\":\"0x5208\""
            + ",\"timestamp\":\"0x6553f100\",\"baseFeePerGas\":\"0x7\",\"uncles\":[],\"transactions\":[{\"hash\":\"0x" + "55".repeat(32)
            + "\",\"nonce\":\"0x1\",\"blockHash\":\"0x" + "ab".repeat(32) + "\",\"blockNumber\":\"0x1b4\",\"transactionIndex\":\"0x0\""
            + ",\"from\":\"0x" + "66".repeat(20) + "\",\"to\":\"0x" + "77".repeat(20) + "\",\"value\":\"0xde0b6b3a7640000\",\"gas\":\"0x5208\""
            + ",\"maxFeePerGas\":\"0x3b9aca00\",\"maxPriorityFeePerGas\":\"0x1\",\"input\":\"0x\",\"type\":\"0x2\",\"chainId\":\"0x7a69\""
            + ",\"accessList\":[{\"address\":\"0x" + "88".repeat(20) + "\",\"storageKeys\":[\"0x" + "99".repeat(32) + "\"]}]"
            + ",\"v\":\"0x0\",\"r\":\"0x1\",\"s\":\"0x2\",\"yParity\":\"0x0\"}]}";
    static final String RECEIPT = "{\"transactionHash\":\"0x" + "55".repeat(32) + "\",\"transactionIndex\":\"0x0\",\"blockHash\":\"0x"
            + "ab".repeat(32) + "\",\"blockNumber\":\"0x1b4\",\"from\":\"0x" + "66".repeat(20) + "\",\"to\":null"
            + ",\"cumulativeGasUsed\":\"0x5208\",\"gasUsed\":\"0x5208\",\"effectiveGasPrice\":\"0x8\",\"contractAddress\":\"0x" + "77".repeat(20)
            + "\",\"logs\":[{\"address\":\"0x" + "77".repeat(20) + "\",\"topics\":[\"0x" + "aa".repeat(32) + "\"],\"data\":\"0x01\""
            + ",\"blockNumber\":\"0x1b4\",\"logIndex\":\"0x0\",\"removed\":false}],\"logsBloom\":\"0x" + "00".repeat(256)
            + "\",\"type\":\"0x2\",\"status\":\"0x1\"}";

    /** Typed calls whose decoders the fuzzed results go through. */
    static final List<RpcCall<?>> CALLS = List.of(
            EthCalls.getBlockByNumber(BlockId.LATEST, true),
            EthCalls.getTransactionReceipt(Hash.of("0x" + "55".repeat(32))),
            EthCalls.getLogs(LogFilter.builder().build()),
            EthCalls.blockNumber(),
            EthCalls.getBalance(io.ethbus.primitives.Address.ZERO, BlockId.LATEST),
            EthCalls.feeHistory(2, BlockId.LATEST, List.of(50.0)),
            EthCalls.syncing(),
            EthCalls.accounts());
    static final List<String> RESULTS = List.of(BLOCK, RECEIPT, "[" + RECEIPT.substring(RECEIPT.indexOf("\"logs\":[") + 8,
                    RECEIPT.indexOf("],\"logsBloom\"")) + "]", "\"0x1b4\"", "\"0xde0b6b3a7640000\"",
            "{\"oldestBlock\":\"0x1\",\"baseFeePerGas\":[\"0x7\",\"0x8\",\"0x9\"],\"gasUsedRatio\":[0.5,0.25],\"reward\":[[\"0x1\"],[\"0x2\"]]}",
            "false", "[\"0x" + "66".repeat(20) + "\"]");

    @Test
    void mutatedAnswersGiveValuesOrTypedErrorsOnly() {
        SplittableRandom random = new SplittableRandom(SEED);
        long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
        int decoded = 0;
        int typed = 0;
        int run = 0;
        for (; run < CASES && System.nanoTime() < deadline; run++) {
            int which = random.nextInt(CALLS.size());
            RpcCall<?> call = CALLS.get(which);
            RpcRequest request = new RpcRequest(7, call.method(), call.params());
            boolean batch = random.nextInt(8) == 0;
            String body = batch
                    ? "[{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + RESULTS.get(which) + "}]"
                    : "{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":" + RESULTS.get(which) + "}";
            byte[] mutated = mutate(body.getBytes(StandardCharsets.UTF_8), random);
            try {
                RpcResponse response = batch
                        ? JsonRpcCodec.decodeBatch(mutated, List.of(request), "fuzz").get(0)
                        : JsonRpcCodec.decodeResponse(mutated, request, "fuzz");
                call.read(response, "fuzz");
                decoded++;
            } catch (EthbusException e) {
                typed++;
            } catch (Throwable t) {
                fail("case " + run + " (" + call.method() + ") threw " + t + " for: "
                        + new String(mutated, StandardCharsets.UTF_8), t);
            }
        }
        assertEquals(run, decoded + typed);
        // Both outcomes must occur, or the mutations are too weak or too strong to mean anything.
        if (decoded < run / 100 || typed < run / 100) {
            fail("decoded " + decoded + ", typed errors " + typed + " of " + run);
        }
    }

    /** One to four random edits: flip, insert, delete, truncate, duplicate a span, or swap in a JSON token. */
    static byte[] mutate(byte[] in, SplittableRandom random) {
        List<Byte> bytes = new ArrayList<>(in.length + 16);
        for (byte b : in) {
            bytes.add(b);
        }
        String[] tokens = {"null", "true", "[]", "{}", "\"\"", "\"0x\"", "\"0xzz\"", "-1", "1e999", "\"0x" + "f".repeat(80) + "\"",
                "\"\\u0000\"", ",", ":", "\"", "}", "]", "0.5", "\"-0x1\""};
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !bytes.isEmpty(); e++) {
            int at = random.nextInt(bytes.size());
            switch (random.nextInt(6)) {
                case 0 -> bytes.set(at, (byte) random.nextInt(256));
                case 1 -> bytes.add(at, (byte) random.nextInt(32, 127));
                case 2 -> bytes.remove(at);
                case 3 -> bytes.subList(at, bytes.size()).clear();
                case 4 -> {
                    int end = Math.min(bytes.size(), at + 1 + random.nextInt(40));
                    bytes.addAll(at, new ArrayList<>(bytes.subList(at, end)));
                }
                default -> {
                    byte[] token = tokens[random.nextInt(tokens.length)].getBytes(StandardCharsets.UTF_8);
                    int end = Math.min(bytes.size(), at + random.nextInt(12));
                    bytes.subList(at, end).clear();
                    for (int i = token.length - 1; i >= 0; i--) {
                        bytes.add(at, token[i]);
                    }
                }
            }
        }
        byte[] out = new byte[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes.get(i);
        }
        return out;
    }
}
