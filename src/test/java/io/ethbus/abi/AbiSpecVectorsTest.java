package io.ethbus.abi;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worked examples of the Solidity ABI specification, the basic ABI vectors of the public
 * Ethereum test suite (ethereum/tests, ABITests/basic_abi_tests.json) and well-known selectors.
 */
class AbiSpecVectorsTest {
    private static final Abi SPEC = Abi.fromJson("""
            [{"type":"function","name":"baz","inputs":[{"name":"x","type":"uint32"},{"name":"y","type":"bool"}],
              "outputs":[{"name":"r","type":"bool"}],"stateMutability":"pure"},
             {"type":"function","name":"sam","inputs":[{"name":"","type":"bytes"},{"name":"","type":"bool"},{"name":"","type":"uint256[]"}],
              "outputs":[],"stateMutability":"pure"},
             {"type":"function","name":"f","inputs":[{"name":"a","type":"uint256"},{"name":"b","type":"uint32[]"},{"name":"c","type":"bytes10"},{"name":"d","type":"bytes"}],
              "outputs":[],"stateMutability":"nonpayable"},
             {"type":"function","name":"g","inputs":[{"name":"a","type":"uint256[][]"},{"name":"b","type":"string[]"}],
              "outputs":[],"stateMutability":"nonpayable"}]""");

    private static String words(String... words) {
        return String.join("", words);
    }

    private static BigInteger n(long v) {
        return BigInteger.valueOf(v);
    }

    private static Bytes ascii(String s) {
        return new Bytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void bazFromTheSpecification() {
        AbiFunction baz = SPEC.function("baz");
        Bytes call = baz.encodeCall(69, true);
        assertEquals("0xcdcd77c0"
                + "0000000000000000000000000000000000000000000000000000000000000045"
                + "0000000000000000000000000000000000000000000000000000000000000001", call.toHex());
        assertEquals(List.of(n(69), true), baz.decodeCall(call).asList());
        assertEquals("baz(uint32,bool)", baz.signature());
        assertTrue(baz.isReadOnly());
    }

    @Test
    void samFromTheSpecification() {
        AbiFunction sam = SPEC.function("sam");
        Bytes call = sam.encodeCall(ascii("dave"), true, List.of(n(1), n(2), n(3)));
        assertEquals("0xa5643bf2" + words(
                "0000000000000000000000000000000000000000000000000000000000000060",
                "0000000000000000000000000000000000000000000000000000000000000001",
                "00000000000000000000000000000000000000000000000000000000000000a0",
                "0000000000000000000000000000000000000000000000000000000000000004",
                "6461766500000000000000000000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000000000000000000000000003",
                "0000000000000000000000000000000000000000000000000000000000000001",
                "0000000000000000000000000000000000000000000000000000000000000002",
                "0000000000000000000000000000000000000000000000000000000000000003"), call.toHex());
        assertEquals(List.of(ascii("dave"), true, List.of(n(1), n(2), n(3))), sam.decodeCall(call).asList());
    }

    private static final String F_ARGS = words(
            "0000000000000000000000000000000000000000000000000000000000000123",
            "0000000000000000000000000000000000000000000000000000000000000080",
            "3132333435363738393000000000000000000000000000000000000000000000",
            "00000000000000000000000000000000000000000000000000000000000000e0",
            "0000000000000000000000000000000000000000000000000000000000000002",
            "0000000000000000000000000000000000000000000000000000000000000456",
            "0000000000000000000000000000000000000000000000000000000000000789",
            "000000000000000000000000000000000000000000000000000000000000000d",
            "48656c6c6f2c20776f726c642100000000000000000000000000000000000000");

    @Test
    void fFromTheSpecification() {
        AbiFunction f = SPEC.function("f");
        Bytes call = f.encodeCall(n(0x123), List.of(0x456, 0x789), ascii("1234567890"), ascii("Hello, world!"));
        assertEquals("0x8be65246" + F_ARGS, call.toHex());
        AbiValues back = f.decodeCall(call);
        assertEquals(n(0x123), back.getBigInteger("a"));
        assertEquals(List.of(n(0x456), n(0x789)), back.getList("b"));
        assertEquals(ascii("1234567890"), back.getBytes("c"));
        assertEquals(ascii("Hello, world!"), back.getBytes("d"));
    }

    @Test
    void gFromTheSpecification() {
        AbiFunction g = SPEC.function("g");
        Bytes call = g.encodeCall(List.of(List.of(n(1), n(2)), List.of(n(3))), List.of("one", "two", "three"));
        assertEquals("0x2289b18c" + words(
                "0000000000000000000000000000000000000000000000000000000000000040",
                "0000000000000000000000000000000000000000000000000000000000000140",
                "0000000000000000000000000000000000000000000000000000000000000002",
                "0000000000000000000000000000000000000000000000000000000000000040",
                "00000000000000000000000000000000000000000000000000000000000000a0",
                "0000000000000000000000000000000000000000000000000000000000000002",
                "0000000000000000000000000000000000000000000000000000000000000001",
                "0000000000000000000000000000000000000000000000000000000000000002",
                "0000000000000000000000000000000000000000000000000000000000000001",
                "0000000000000000000000000000000000000000000000000000000000000003",
                "0000000000000000000000000000000000000000000000000000000000000003",
                "0000000000000000000000000000000000000000000000000000000000000060",
                "00000000000000000000000000000000000000000000000000000000000000a0",
                "00000000000000000000000000000000000000000000000000000000000000e0",
                "0000000000000000000000000000000000000000000000000000000000000003",
                "6f6e650000000000000000000000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000000000000000000000000003",
                "74776f0000000000000000000000000000000000000000000000000000000000",
                "0000000000000000000000000000000000000000000000000000000000000005",
                "7468726565000000000000000000000000000000000000000000000000000000"), call.toHex());
        assertEquals(List.of("one", "two", "three"), g.decodeCall(call).getList("b"));
    }

    /** The arguments alone: the call data without its 4-byte selector. */
    private static String argumentsOf(String signature, Object... args) {
        String call = Abi.parse("function " + signature).functions().get(0).encodeCall(args).toHex();
        return call.substring(2 + 8);
    }

    @Test
    void ethereumTestsSingleInteger() {
        assertEquals("0000000000000000000000000000000000000000000000000000000005d94e83",
                argumentsOf("t(uint256)", n(98127491)));
    }

    @Test
    void ethereumTestsIntegerAndAddress() {
        assertEquals("000000000000000000000000000000000000000000000000000000000004f21c"
                        + "000000000000000000000000cd2a3d9f938e13cd947ec05abc7fe734df8dd826",
                argumentsOf("t(uint256,address)", n(324124), Address.of("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826")));
    }

    @Test
    void ethereumTestsGithubWikiTest() {
        assertEquals(F_ARGS, argumentsOf("t(uint256,uint32[],bytes10,bytes)",
                n(291), List.of(n(1110), n(1929)), ascii("1234567890"), ascii("Hello, world!")));
    }

    @Test
    void wellKnownSelectorsAndTopics() {
        Abi erc20 = Abi.parse(
                "function transfer(address to, uint256 amount) returns (bool)",
                "function balanceOf(address owner) view returns (uint256)",
                "event Transfer(address indexed from, address indexed to, uint256 value)");
        assertEquals(Bytes.of("0xa9059cbb"), erc20.function("transfer").selector());
        assertEquals(Bytes.of("0x70a08231"), erc20.function("balanceOf").selector());
        assertEquals(Hash.of("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
                erc20.event("Transfer").topic0());
    }

    @Test
    void returnDataDecodesWithNames() {
        Abi abi = Abi.parse("function pair() view returns (address token, uint256 amount, bytes3 tag)");
        Address token = Address.of("0xcd2a3d9f938e13cd947ec05abc7fe734df8dd826");
        String data = "0x" + argumentsOf("t(address,uint256,bytes3)", token, n(7), Bytes.of("0xabcdef"));
        AbiValues out = abi.function("pair").decodeReturn(Bytes.of(data));
        assertEquals(token, out.getAddress("token"));
        assertEquals(n(7), out.getBigInteger(1));
        assertEquals(Bytes.of("0xabcdef"), out.getBytes("tag"));
        assertEquals(List.of("token", "amount", "tag"), out.names());
        assertEquals("{\"token\":\"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826\",\"amount\":\"7\",\"tag\":\"0xabcdef\"}",
                out.toJson().encode());
    }

    @Test
    void artifactKeepsTheCreationCode() {
        String abi = "[{\"type\":\"constructor\",\"inputs\":[{\"name\":\"supply\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\"}]";
        Abi foundry = Abi.fromJson("{\"abi\":" + abi + ",\"bytecode\":{\"object\":\"0x6080\"}}");
        Abi hardhat = Abi.fromJson("{\"abi\":" + abi + ",\"bytecode\":\"0x6080\"}");
        assertEquals(Bytes.of("0x6080"), foundry.bytecode().orElseThrow());
        assertEquals(Bytes.of("0x6080"), hardhat.bytecode().orElseThrow());
        assertTrue(Abi.fromJson(abi).bytecode().isEmpty());
        assertEquals("0x6080" + "0000000000000000000000000000000000000000000000000000000000000005",
                foundry.constructor().encodeDeploy(foundry.bytecode().orElseThrow(), 5).toHex());
        assertEquals(List.of("supply"), Arrays.asList(foundry.constructor().inputs().get(0).name()));
    }
}
