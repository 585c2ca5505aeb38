package io.ethbus.multicall;

import io.ethbus.abi.AbiDecodingException;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multicall3's aggregate3 codec on canned data; on the real contract it runs in MulticallAnvilTest. */
class Multicall3Test {
    private static final Address TARGET = Address.ofAnyCase("0x00000000000000000000000000000000000000aa");

    @Test
    void encodesAggregate3WithItsPublishedSelector() {
        Bytes data = Multicall3.encode(List.of(new Call3(TARGET, true, Bytes.of("0x70a08231"))));
        // aggregate3((address,bool,bytes)[]) is 0x82ad56cb, as Multicall3's published ABI and cast give it
        assertTrue(data.toHex().startsWith("0x82ad56cb"), data.toHex());
        assertEquals(4 + 32 * 8, data.length(), "offset, length, tuple offset, target, flag, bytes offset, bytes length, one word");
    }

    @Test
    void decodesResultsInOrder() {
        String returned = "0x"
                + word(0x20) + word(2)                             // the array: offset, two results
                + word(0x40) + word(0xc0)                          // offsets of the two tuples
                + word(1) + word(0x40) + word(2) + "abcd" + "0".repeat(60)   // (true, 0xabcd)
                + word(0) + word(0x40) + word(0);                  // (false, 0x)
        assertEquals(List.of(new Call3Result(true, Bytes.of("0xabcd")), new Call3Result(false, Bytes.EMPTY)),
                Multicall3.decode(Bytes.of(returned), 2));
    }

    @Test
    void anEmptyAnswerOrAnotherCountIsATypedError() {
        // what an address without code answers
        assertThrows(AbiDecodingException.class, () -> Multicall3.decode(Bytes.EMPTY, 1));
        String none = "0x" + word(0x20) + word(0);
        AbiDecodingException count = assertThrows(AbiDecodingException.class, () -> Multicall3.decode(Bytes.of(none), 3));
        assertTrue(count.getMessage().contains("0 results for 3 calls"), count.getMessage());
        // an array length far beyond the data
        assertThrows(AbiDecodingException.class, () -> Multicall3.decode(Bytes.of("0x" + word(0x20) + word(1_000_000)), 1));
    }

    private static String word(long value) {
        String hex = Long.toHexString(value);
        return "0".repeat(64 - hex.length()) + hex;
    }
}
