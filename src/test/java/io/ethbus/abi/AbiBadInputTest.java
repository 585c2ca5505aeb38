package io.ethbus.abi;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.EthbusException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigInteger;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every input ethbus refuses, and what the refusal says. */
class AbiBadInputTest {
    private static final Abi ABI = Abi.parse(
            "struct Item { address a; uint256 b; }",
            "function transfer(address to, uint256 amount) returns (bool)",
            "function small(uint8 u, int8 i, bytes3 tag)",
            "function items(Item[] list, uint256[2] pair)",
            "function flag() view returns (bool ok, uint8 level, address who)",
            "function text() view returns (string)",
            "event Transfer(address indexed from, address indexed to, uint256 value)");
    private static final Address TO = Address.of("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826");

    private static String refused(Executable call) {
        AbiException e = assertThrows(AbiException.class, call);
        assertInstanceOf(EthbusException.class, e);
        assertNull(e.method());
        assertNull(e.endpoint());
        return e.getMessage();
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, refused(call));
    }

    private static void assertMentions(Executable call, String... parts) {
        String message = refused(call);
        for (String part : parts) {
            assertTrue(message.contains(part), "'" + message + "' does not mention '" + part + "'");
        }
    }

    @Test
    void handBuiltValuesRefuseNullsAndKeepWhatTheyWereGiven() {
        List<AbiParam> params = Abi.parse("function f((bytes b, uint256[] xs) t)").function("f").inputs().get(0).components();
        AbiException nul = assertThrows(AbiException.class, () -> AbiValues.of(params, java.util.Arrays.asList(null, List.of())));
        assertTrue(nul.getMessage().contains("value 0 (b) is null"), nul.getMessage());

        byte[] raw = {1, 2};
        java.util.ArrayList<Object> xs = new java.util.ArrayList<>(List.of(BigInteger.ONE));
        AbiValues values = AbiValues.of(params, List.of(raw, xs));
        raw[0] = 9;
        xs.add(BigInteger.TWO);
        assertEquals(Bytes.of("0x0102"), values.getBytes("b"));
        assertEquals(List.of(BigInteger.ONE), values.getList("xs"));
        assertEquals("{\"b\":\"0x0102\",\"xs\":[\"1\"]}", values.toJson().encode());
    }

    @Test
    void valueOutOfRangeNamesFunctionAndArgument() {
        AbiFunction transfer = ABI.function("transfer");
        assertMessage("transfer(address,uint256): argument 1 (amount): 2^256 does not fit uint256",
                () -> transfer.encodeCall(TO, BigInteger.ONE.shiftLeft(256)));
        assertMessage("transfer(address,uint256): argument 1 (amount): -1 does not fit uint256",
                () -> transfer.encodeCall(TO, -1));
        AbiFunction small = ABI.function("small");
        assertMessage("small(uint8,int8,bytes3): argument 0 (u): 256 does not fit uint8", () -> small.encodeCall(256, 0, "0x000000"));
        assertMessage("small(uint8,int8,bytes3): argument 1 (i): -129 does not fit int8", () -> small.encodeCall(0, -129, "0x000000"));
        assertMessage("small(uint8,int8,bytes3): argument 1 (i): 128 does not fit int8", () -> small.encodeCall(0, 128, "0x000000"));
        assertMessage("small(uint8,int8,bytes3): argument 2 (tag): 4 bytes do not fit bytes3",
                () -> small.encodeCall(0, 0, Bytes.of("0x01020304")));
        small.encodeCall(255, -128, "0x010203"); // the limits themselves fit
    }

    @Test
    void wrongCountAndTypeNameFunctionAndArgument() {
        AbiFunction transfer = ABI.function("transfer");
        assertMentions(() -> transfer.encodeCall(TO), "transfer(address,uint256)", "expected 2 arguments", "got 1");
        assertMentions(() -> transfer.encodeCall(TO, "12"), "transfer(address,uint256): argument 1 (amount)", "String");
        assertMentions(() -> transfer.encodeCall(TO, 1.5), "argument 1 (amount)", "Double");
        assertMentions(() -> transfer.encodeCall(null, 1), "argument 0 (to)", "null");
        assertMentions(() -> transfer.encodeCall("hello", 1), "transfer(address,uint256): argument 0 (to)", "invalid address");
        assertMentions(() -> transfer.encodeCall("0xCD2a3d9f938e13cd947ec05abc7fe734df8dd826", 1), "argument 0 (to)", "checksum");
        assertMentions(() -> transfer.encodeCall(42, 1), "argument 0 (to)", "Integer");
    }

    @Test
    void nestedArgumentsNameTheirPlace() {
        AbiFunction items = ABI.function("items");
        assertMentions(() -> items.encodeCall(List.of(List.of(TO, 1), List.of(TO, -5)), List.of(1, 2)),
                "items((address,uint256)[],uint256[2]): argument 0 (list)[1].b: -5 does not fit uint256");
        assertMentions(() -> items.encodeCall(List.of(), List.of(1, 2, 3)), "argument 1 (pair)", "takes 2 elements, got 3");
        assertMentions(() -> items.encodeCall(List.of(List.of(TO)), List.of(1, 2)), "argument 0 (list)[0]", "has 2 members, got 1");
        record Entry(Address a, BigInteger b) {
        }
        items.encodeCall(List.of(new Entry(TO, BigInteger.ONE)), new Object[]{1, 2L}); // records and arrays are accepted
    }

    @Test
    void malformedAbisAndSignatures() {
        assertMentions(() -> Abi.fromJson("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":["), "malformed ABI JSON");
        assertMentions(() -> Abi.fromJson("{\"type\":\"function\"}"), "an ABI is a JSON array");
        assertMentions(() -> Abi.fromJson("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"name\":\"x\",\"type\":\"uint7\"}]}]"),
                "malformed ABI entry");
        assertMentions(() -> Abi.parse("function f(uint7 x)"), "malformed signature 'function f(uint7 x)'", "unknown type 'uint7'");
        assertMentions(() -> Abi.parse("function f(uint256 x"), "malformed signature");
        assertMentions(() -> Abi.parse("funtion f()"), "malformed signature", "funtion");
        assertMentions(() -> Abi.parse("function f(Missing m)"), "unknown type 'Missing'");
        assertMentions(() -> Abi.parse("struct A { A inner; }", "function f(A a)"), "struct A contains itself");
        assertMentions(() -> Abi.parse("function f(uint256[x] a)"), "array length 'x'");
    }

    @Test
    void unknownNames() {
        assertMentions(() -> ABI.function("approve"), "no function 'approve'", "transfer(address,uint256)");
        assertMentions(() -> ABI.event("Approval"), "no event 'Approval'");
        assertMentions(() -> ABI.error("Nope"), "no error 'Nope'");
        assertMentions(() -> ABI.function("transfer(address)"), "no function 'transfer(address)'");
    }

    private static String decodingFailure(Executable call) {
        AbiDecodingException e = assertThrows(AbiDecodingException.class, call);
        return e.getMessage();
    }

    @Test
    void returnDataThatDoesNotDecodeIsATypedErrorNamingTheFunction() {
        AbiFunction flag = ABI.function("flag");
        String ok = "0000000000000000000000000000000000000000000000000000000000000001"
                + "0000000000000000000000000000000000000000000000000000000000000007"
                + "000000000000000000000000cd2a3d9f938e13cd947ec05abc7fe734df8dd826";
        assertEquals(List.of(true, BigInteger.valueOf(7), TO), flag.decodeReturn(Bytes.of("0x" + ok)).asList());
        String shortData = decodingFailure(() -> flag.decodeReturn(Bytes.of("0x" + ok.substring(0, 100))));
        assertTrue(shortData.startsWith("flag(): return data of 50 bytes does not decode"), shortData);
        String bool = decodingFailure(() -> flag.decodeReturn(Bytes.of("0x" + ok.replaceFirst("01", "02"))));
        assertTrue(bool.startsWith("flag()"), bool);
        decodingFailure(() -> flag.decodeReturn(Bytes.of("0x" + ok.replace("0000000000000007", "0000000000000107"))));
        decodingFailure(() -> flag.decodeReturn(Bytes.of("0x" + ok.replace("000000000000000000000000cd2a", "000000000000000000000001cd2a"))));
        decodingFailure(() -> flag.decodeReturn(Bytes.of("0x" + ok + "00")));
        AbiFunction text = ABI.function("text");
        decodingFailure(() -> text.decodeReturn(Bytes.of("0x" + "00".repeat(31) + "ff" + "00".repeat(31) + "01")));
        decodingFailure(() -> text.decodeReturn(Bytes.of("0x" + "00".repeat(31) + "20" + "7f".repeat(32))));
        decodingFailure(() -> ABI.function("transfer").decodeCall(Bytes.of("0xa9059c")));
    }
}
