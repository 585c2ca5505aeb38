package io.ethbus.abi;

import io.ethbus.eth.Log;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds mutated return data and logs to the decoders: whatever the bytes, the only outcomes
 * allowed are a decoded value or an {@link AbiDecodingException} (and, for revert data and
 * {@link Abi#decodeLogs}, never an exception at all). Seeded, bounded in count and time.
 */
class AbiDecodingFuzzTest {
    static final long SEED = 0xab1_f022L;
    static final int CASES_PER_TYPE = 20_000;
    // Per decoder: on a loaded machine fewer cases run rather than the test taking long.
    static final long TIME_LIMIT_NANOS = 5_000_000_000L;
    static final Address WHO = Address.of("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826");

    static final Abi ABI = Abi.parse(
            "struct Inner { bool flag; bytes32 id; }",
            "function record() view returns (address who, uint256 amount, string name, bytes blob, uint8[] levels, Inner[] inner)",
            "function text() view returns (string)",
            "function nested() view returns (uint256[][] grid, int16[3] fixed)",
            "function packed() view returns (int8 a, bytes3 b, bool c, address d)",
            "event Transfer(address indexed from, address indexed to, uint256 value)",
            "event Note(string indexed topic, address indexed who, string text, uint64[] values)",
            "error Failed(uint256 code, string why)");

    /** Each function's outputs with values, encoded as a node would return them. */
    static List<Object[]> returns() {
        Inner inner = new Inner(true, Bytes.of("0x" + "ab".repeat(32)));
        return List.of(
                new Object[]{"record", new Object[]{WHO, BigInteger.TEN.pow(30), "alice", Bytes.of("0x0102"), List.of(1, 2, 3),
                        List.of(inner, inner)}},
                new Object[]{"text", new Object[]{"hello, world"}},
                new Object[]{"nested", new Object[]{List.of(List.of(1, 2), List.of(), List.of(3)), List.of(-1, 0, 1)}},
                new Object[]{"packed", new Object[]{-7, Bytes.of("0x010203"), true, WHO}});
    }

    record Inner(boolean flag, Bytes id) {
    }

    /** Encodes {@code values} as {@code function}'s return data, by encoding them as its arguments' shape. */
    static Bytes returnData(String function, Object[] values) {
        AbiFunction f = ABI.function(function);
        StringBuilder types = new StringBuilder("(");
        for (AbiParam p : f.outputs()) {
            types.append(types.length() > 1 ? "," : "").append(p.type());
        }
        String call = Abi.parse("function enc" + types + ")").functions().get(0).encodeCall(values).toHex();
        return Bytes.of("0x" + call.substring(10));
    }

    @Test
    void mutatedReturnDataGivesValuesOrTypedErrorsOnly() {
        for (Object[] r : returns()) {
            String function = (String) r[0];
            Bytes data = returnData(function, (Object[]) r[1]);
            AbiFunction f = ABI.function(function);
            f.decodeReturn(data); // the unmutated data decodes
            fuzz(function, data.value(), bytes -> f.decodeReturn(new Bytes(bytes)));
        }
    }

    @Test
    void mutatedLogsGiveValuesOrTypedErrorsOnly() {
        AbiEvent transfer = ABI.event("Transfer");
        AbiEvent note = ABI.event("Note");
        Hash from = Hash.of("0x" + "00".repeat(12) + WHO.toHex().substring(2));
        List<Hash> transferTopics = List.of(transfer.topic0(), from, from);
        List<Hash> noteTopics = List.of(note.topic0(), Hash.of("0x" + "cc".repeat(32)), from);
        Bytes transferData = Bytes.of("0x" + "00".repeat(31) + "05");
        Bytes noteData = Bytes.of("0x" + Abi.parse("function e(string,uint64[])").functions().get(0)
                .encodeCall("a note", List.of(1L, 2L)).toHex().substring(10));
        for (Object[] c : List.of(new Object[]{transfer, transferTopics, transferData}, new Object[]{note, noteTopics, noteData})) {
            AbiEvent event = (AbiEvent) c[0];
            @SuppressWarnings("unchecked") List<Hash> topics = (List<Hash>) c[1];
            Bytes data = (Bytes) c[2];
            event.decode(log(topics, data));
            fuzz(event.name() + " data", data.value(), bytes -> event.decode(log(topics, new Bytes(bytes))));
            byte[] joined = join(topics);
            fuzz(event.name() + " topics", joined, bytes -> {
                Log log = log(split(bytes), data);
                neverThrows(() -> ABI.decodeLogs(List.of(log))); // logs that do not decode are left out
                event.decode(log);
            });
        }
    }

    @Test
    void mutatedRevertDataAlwaysGivesARevert() {
        Bytes failed = ABI.error("Failed").encode(7, "no funds");
        fuzz("revert", failed.value(), bytes -> neverThrows(() -> Revert.decode(new Bytes(bytes), ABI)));
    }

    /** Runs {@code call}; a typed error from it is a failure too, as it promises to throw nothing. */
    private static void neverThrows(java.util.function.Supplier<?> call) {
        try {
            call.get();
        } catch (AbiException e) {
            throw new AssertionError("threw " + e, e);
        }
    }

    private interface Decoder {
        void decode(byte[] bytes);
    }

    private static void fuzz(String what, byte[] valid, Decoder decoder) {
        SplittableRandom random = new SplittableRandom(SEED ^ what.hashCode());
        long deadline = System.nanoTime() + TIME_LIMIT_NANOS;
        int decoded = 0;
        int typed = 0;
        int run = 0;
        for (; run < CASES_PER_TYPE && System.nanoTime() < deadline; run++) {
            byte[] mutated = mutate(valid, random);
            try {
                decoder.decode(mutated);
                decoded++;
            } catch (AbiDecodingException e) {
                typed++;
            } catch (Throwable t) {
                fail(what + ": case " + run + " threw " + t + " for " + new Bytes(mutated), t);
            }
        }
        assertEquals(run, decoded + typed);
        if (decoded == 0 && !what.equals("revert")) {
            fail(what + ": no mutation decoded in " + run + " cases: the mutations are too strong to mean anything");
        }
    }

    /** One to three edits: flip a bit, truncate, extend, poke a 32-byte word with an offset-like value, copy a word. */
    static byte[] mutate(byte[] in, SplittableRandom random) {
        byte[] out = in.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int words = Math.max(1, out.length / 32);
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (out.length > 0) {
                        int at = random.nextInt(out.length);
                        out[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length + 1));
                case 2 -> {
                    int grow = random.nextBoolean() ? 32 * (1 + random.nextInt(3)) : 1 + random.nextInt(40);
                    int from = out.length;
                    out = Arrays.copyOf(out, out.length + grow);
                    for (int i = from; i < out.length; i++) {
                        out[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : 0;
                    }
                }
                case 3 -> {
                    int word = random.nextInt(words);
                    long[] pokes = {0, 1, 0x20, 0x40, 0x60, 0x1f, out.length, out.length + 32, 0x7fffffffL, 0xffffffffL, Long.MAX_VALUE, -1};
                    long value = pokes[random.nextInt(pokes.length)];
                    for (int i = 0; i < 8 && word * 32 + 31 - i < out.length && word * 32 + 31 - i >= 0; i++) {
                        out[word * 32 + 31 - i] = (byte) (value >>> (8 * i));
                    }
                    if (value == -1) {
                        for (int i = word * 32; i < Math.min(out.length, word * 32 + 24); i++) {
                            out[i] = (byte) 0xff;
                        }
                    }
                }
                default -> {
                    if (out.length >= 64) {
                        int from = random.nextInt(out.length / 32) * 32;
                        int to = random.nextInt(out.length / 32) * 32;
                        System.arraycopy(out, from, out, to, 32);
                    }
                }
            }
        }
        return out;
    }

    private static Log log(List<Hash> topics, Bytes data) {
        return new Log(WHO, topics, data, 1L, null, null, 0L, 0L, false, null);
    }

    private static byte[] join(List<Hash> topics) {
        byte[] out = new byte[topics.size() * 32];
        for (int i = 0; i < topics.size(); i++) {
            System.arraycopy(topics.get(i).value(), 0, out, i * 32, 32);
        }
        return out;
    }

    /** Whole 32-byte topics of {@code bytes}; a trailing part word is padded, as a topic cannot be shorter. */
    private static List<Hash> split(byte[] bytes) {
        List<Hash> out = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += 32) {
            out.add(new Hash(Arrays.copyOfRange(bytes, at, at + 32)));
        }
        return out;
    }
}
