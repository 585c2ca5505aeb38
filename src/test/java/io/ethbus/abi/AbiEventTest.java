package io.ethbus.abi;

import io.ethbus.eth.Log;
import io.ethbus.eth.Receipt;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AbiEventTest {
    private static final Abi ABI = Abi.parse(
            "event Transfer(address indexed from, address indexed to, uint256 value)",
            "event Named(string indexed label, uint256[2] indexed pair, (uint8 k, string v) indexed entry, string text, uint64 n)",
            "event Mark(address indexed who, uint256 amount) anonymous");
    private static final Address ALICE = Address.of("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826");
    private static final Address BOB = Address.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    private static final Address TOKEN = Address.of("0x00000000000000000000000000000000000000aa");
    private static final Hash TX = Hash.of("0x" + "11".repeat(32));

    /** ABI-encoded values, as a log's data holds them. */
    static Bytes data(String types, Object... values) {
        String call = Abi.parse("function d" + types).functions().get(0).encodeCall(values).toHex();
        return Bytes.of("0x" + call.substring(10));
    }

    static Hash word(Address a) {
        return Hash.of("0x" + "00".repeat(12) + a.toHex().substring(2));
    }

    static Log log(List<Hash> topics, Bytes data, long logIndex) {
        return new Log(TOKEN, topics, data, 100L, Hash.of("0x" + "22".repeat(32)), TX, 0L, logIndex, false, null);
    }

    private static Hash keccak(String s) {
        return new Hash(Keccak.keccak256(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void indexedParametersComeFromTopicsTheRestFromData() {
        AbiEvent transfer = ABI.event("Transfer");
        Log log = log(List.of(transfer.topic0(), word(ALICE), word(BOB)), data("(uint256)", 1000), 3);
        DecodedEvent e = ABI.decodeLog(log).orElseThrow();
        assertEquals("Transfer", e.name());
        assertEquals("Transfer(address,address,uint256)", e.signature());
        assertEquals(ALICE, e.args().getAddress("from"));
        assertEquals(BOB, e.args().getAddress("to"));
        assertEquals(BigInteger.valueOf(1000), e.args().getBigInteger("value"));
        assertSame(log, e.log());
        assertEquals(3L, e.log().logIndex());
        assertTrue(transfer.matches(log));
    }

    @Test
    void dynamicIndexedValuesAreTheirTopicHash() {
        AbiEvent named = ABI.event("Named");
        Hash label = keccak("alice");
        Hash pair = Hash.of("0x" + "33".repeat(32));
        Hash entry = Hash.of("0x" + "44".repeat(32));
        Log log = log(List.of(named.topic0(), label, pair, entry), data("(string,uint64)", "hello", 9L), 0);
        AbiValues args = named.decode(log).args();
        assertEquals(label, args.getHash("label"));
        assertEquals(pair, args.getHash("pair"));
        assertEquals(entry, args.getHash("entry"));
        assertEquals("hello", args.getString("text"));
        assertEquals(BigInteger.valueOf(9), args.getBigInteger("n"));
        List<AbiParam> inputs = named.inputs();
        assertEquals(List.of(Hash.class, Hash.class, Hash.class, String.class, BigInteger.class),
                inputs.stream().map(AbiParam::javaType).toList());
        assertTrue(inputs.get(0).hashedInTopic());
        assertFalse(inputs.get(3).hashedInTopic());
    }

    @Test
    void anonymousEventsDecodeOnlyWhenAskedByEvent() {
        AbiEvent mark = ABI.event("Mark");
        Log log = log(List.of(word(ALICE)), data("(uint256)", 5), 0);
        assertTrue(ABI.decodeLog(log).isEmpty());
        assertTrue(ABI.decodeLogs(List.of(log)).isEmpty());
        DecodedEvent e = mark.decode(log);
        assertEquals(ALICE, e.args().getAddress("who"));
        assertEquals(BigInteger.valueOf(5), e.args().getBigInteger("amount"));
    }

    @Test
    void wrongTopicCountOrTopic0IsATypedError() {
        AbiEvent transfer = ABI.event("Transfer");
        Log missing = log(List.of(transfer.topic0(), word(ALICE)), data("(uint256)", 1), 0);
        AbiDecodingException e = assertThrows(AbiDecodingException.class, () -> transfer.decode(missing));
        assertTrue(e.getMessage().startsWith("Transfer(address,address,uint256)"), e.getMessage());
        Log other = log(List.of(keccak("Other()"), word(ALICE), word(BOB)), data("(uint256)", 1), 0);
        assertThrows(AbiDecodingException.class, () -> transfer.decode(other));
        assertFalse(transfer.matches(other));
        Log shortData = log(List.of(transfer.topic0(), word(ALICE), word(BOB)), Bytes.of("0x01"), 0);
        assertThrows(AbiDecodingException.class, () -> ABI.decodeLog(shortData));
    }

    @Test
    void receiptEventsInLogOrderSkippingForeignShapes() {
        AbiEvent transfer = ABI.event("Transfer");
        List<Log> logs = new ArrayList<>();
        logs.add(log(List.of(transfer.topic0(), word(ALICE), word(BOB)), data("(uint256)", 1), 0));
        logs.add(log(List.of(keccak("Unknown(uint256)")), data("(uint256)", 2), 1));
        // an ERC-721 Transfer: same topic0, the token id as a fourth topic and no data
        logs.add(log(List.of(transfer.topic0(), word(ALICE), word(BOB), Hash.of("0x" + "00".repeat(31) + "07")), Bytes.EMPTY, 2));
        logs.add(log(List.of(transfer.topic0(), word(BOB), word(ALICE)), data("(uint256)", 3), 3));
        Receipt receipt = new Receipt(TX, 0, Hash.of("0x" + "22".repeat(32)), 100, ALICE, TOKEN, BigInteger.ONE, BigInteger.ONE,
                BigInteger.ONE, null, logs, null, 2, 1, null, null, null, null);
        List<DecodedEvent> events = ABI.decodeReceipt(receipt);
        assertEquals(List.of(0L, 3L), events.stream().map(e -> e.log().logIndex()).toList());
        assertEquals(BigInteger.valueOf(3), events.get(1).args().getBigInteger("value"));
        assertEquals(java.util.Optional.of(transfer), ABI.eventOf(logs.get(0)));
        assertTrue(ABI.eventOf(logs.get(1)).isEmpty(), "unknown topic0");
        assertTrue(ABI.eventOf(logs.get(2)).isEmpty(), "the ERC-721 shape is not this ABI's Transfer");
    }

    @Test
    void argsAsPlainJson() {
        AbiEvent transfer = ABI.event("Transfer");
        Log log = log(List.of(transfer.topic0(), word(ALICE), word(BOB)), data("(uint256)", 1000), 0);
        assertEquals("{\"from\":\"" + ALICE + "\",\"to\":\"" + BOB + "\",\"value\":\"1000\"}",
                transfer.decode(log).args().toJson().encode());
    }
}
