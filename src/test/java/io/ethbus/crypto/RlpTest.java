package io.ethbus.crypto;

import io.ethbus.primitives.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Cases from Ethereum's RLP test suite (rlptest.json / invalidRLPTest.json), written out here. */
class RlpTest {
    static RlpString str(String s) {
        return RlpString.of(s.getBytes(StandardCharsets.US_ASCII));
    }

    static void roundTrip(RlpItem item, String hex) {
        assertEquals(hex, Hex.encode(Rlp.encode(item)));
        assertEquals(item, Rlp.decode(Hex.decode(hex)));
    }

    @Test
    void strings() {
        roundTrip(RlpString.EMPTY, "0x80");
        roundTrip(RlpString.of(new byte[] {0}), "0x00");
        roundTrip(RlpString.of(new byte[] {0x7f}), "0x7f");
        roundTrip(str("dog"), "0x83646f67");
        roundTrip(str("Lorem ipsum dolor sit amet, consectetur adipisicing eli"),
                "0xb74c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c69");
        roundTrip(str("Lorem ipsum dolor sit amet, consectetur adipisicing elit"),
                "0xb8384c6f72656d20697073756d20646f6c6f722073697420616d65742c20636f6e7365637465747572206164697069736963696e6720656c6974");
    }

    @Test
    void longStringOf1024Bytes() {
        byte[] payload = new byte[1024];
        java.util.Arrays.fill(payload, (byte) 0x61);
        byte[] encoded = Rlp.encode(RlpString.of(payload));
        assertEquals("0xb90400", Hex.encode(java.util.Arrays.copyOf(encoded, 3)));
        assertEquals(1027, encoded.length);
        assertEquals(RlpString.of(payload), Rlp.decode(encoded));
    }

    @Test
    void integers() {
        assertEquals("0x80", Hex.encode(Rlp.encode(RlpString.of(0))));
        assertEquals("0x01", Hex.encode(Rlp.encode(RlpString.of(1))));
        assertEquals("0x0f", Hex.encode(Rlp.encode(RlpString.of(15))));
        assertEquals("0x7f", Hex.encode(Rlp.encode(RlpString.of(127))));
        assertEquals("0x8180", Hex.encode(Rlp.encode(RlpString.of(128))));
        assertEquals("0x820100", Hex.encode(Rlp.encode(RlpString.of(256))));
        assertEquals("0x820400", Hex.encode(Rlp.encode(RlpString.of(1024))));
        assertEquals("0x83100000", Hex.encode(Rlp.encode(RlpString.of(1048576))));
        BigInteger big = BigInteger.ONE.shiftLeft(256);
        assertEquals("0xa1010000000000000000000000000000000000000000000000000000000000000000",
                Hex.encode(Rlp.encode(RlpString.of(big))));
        for (long v : new long[] {0, 1, 127, 128, 256, 1024, Long.MAX_VALUE}) {
            assertEquals(BigInteger.valueOf(v), Rlp.decode(Rlp.encode(RlpString.of(v))).asString().asBigInteger());
        }
    }

    @Test
    void integerWithLeadingZeroIsRejected() {
        RlpString padded = Rlp.decode(Hex.decode("0x820004")).asString();
        assertThrows(RlpException.class, padded::asBigInteger);
        assertThrows(RlpException.class, () -> RlpString.of(BigInteger.valueOf(-1)));
    }

    @Test
    void lists() {
        roundTrip(RlpList.of(), "0xc0");
        roundTrip(RlpList.of(str("cat"), str("dog")), "0xc88363617483646f67");
        roundTrip(RlpList.of(str("zw"), RlpList.of(RlpString.of(4)), RlpString.of(1)), "0xc6827a77c10401");
        // the set-theoretic representation of three: [ [], [[]], [ [], [[]] ] ]
        RlpList empty = RlpList.of();
        roundTrip(RlpList.of(empty, RlpList.of(empty), RlpList.of(empty, RlpList.of(empty))), "0xc7c0c1c0c3c0c1c0");
        roundTrip(RlpList.of(RlpList.of(RlpList.of(), RlpList.of())), "0xc3c2c0c0");
    }

    @Test
    void longList() {
        RlpString abc = str("asdf");
        RlpList inner = RlpList.of(abc, str("qwer"), str("zxcv"));
        RlpList outer = new RlpList(List.of(inner, inner, inner, inner));
        roundTrip(outer, "0xf840cf84617364668471776572847a786376cf84617364668471776572847a786376"
                + "cf84617364668471776572847a786376cf84617364668471776572847a786376");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0x",                 // nothing to decode
            "0x8100",             // single byte 0x00 wrapped as a string
            "0x817f",             // single byte 0x7f wrapped as a string
            "0xb800",             // long form, length with a leading zero
            "0xb90038" + "61616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161",
            "0xb837" + "6161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161",
            "0xf800",             // list in long form with a short length
            "0x83646f",           // string shorter than its header says
            "0x83646f6700",       // trailing byte after the item
            "0xc3836f",           // list whose item runs past the list
            "0xc58363617483",     // item in a list overruns the list's payload
            "0xbf0000000000000001", // length field of 8 bytes
            "0xc1",               // list header with no payload
    })
    void nonCanonicalOrBrokenEncodingsAreRejected(String hex) {
        assertThrows(RlpException.class, () -> Rlp.decode(Hex.decode(hex)));
    }

    @Test
    void wrongShapeIsTyped() {
        assertThrows(RlpException.class, () -> Rlp.decode(Hex.decode("0xc0")).asString());
        assertThrows(RlpException.class, () -> Rlp.decode(Hex.decode("0x80")).asList());
    }

    @Test
    void deepNestingIsBounded() {
        RlpItem nested = RlpList.of();
        for (int i = 0; i < 2000; i++) {
            nested = RlpList.of(nested);
        }
        byte[] deep = Rlp.encode(nested);
        RlpException e = assertThrows(RlpException.class, () -> Rlp.decode(deep));
        assertEquals("RLP nested deeper than 1024", e.getMessage());
    }
}
