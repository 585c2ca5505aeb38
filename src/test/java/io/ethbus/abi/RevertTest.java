package io.ethbus.abi;

import io.ethbus.primitives.Bytes;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class RevertTest {
    private static final Abi ABI = Abi.parse("error InsufficientBalance(uint256 available, uint256 required)");

    @Test
    void errorStringGivesTheReason() {
        // what solc emits for require(false, "Not enough Ether provided.")
        Bytes data = Bytes.of("0x08c379a0"
                + "0000000000000000000000000000000000000000000000000000000000000020"
                + "000000000000000000000000000000000000000000000000000000000000001a"
                + "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000");
        Revert.Reason r = assertInstanceOf(Revert.Reason.class, Revert.decode(data));
        assertEquals("Not enough Ether provided.", r.reason());
        assertEquals(data, r.data());
    }

    @Test
    void everyPanicKindIsNamed() {
        Map<Integer, String> kinds = Map.of(0x01, "assertion failed", 0x11, "arithmetic overflow or underflow",
                0x12, "division or modulo by zero", 0x21, "conversion to an invalid enum value",
                0x22, "incorrectly encoded storage byte array", 0x31, "pop on an empty array",
                0x32, "array index out of bounds", 0x41, "too much memory allocated",
                0x51, "call to a zero-initialised internal function", 0x99, "unknown panic 0x99");
        kinds.forEach((code, kind) -> {
            Bytes data = Bytes.of("0x4e487b71" + "%064x".formatted(code));
            Revert.Panic p = assertInstanceOf(Revert.Panic.class, Revert.decode(data));
            assertEquals(BigInteger.valueOf(code), p.code());
            assertEquals(kind, p.kind());
        });
    }

    @Test
    void customErrorOfTheAbiWithItsArguments() {
        Bytes data = ABI.error("InsufficientBalance").encode(5, 10);
        assertEquals("0xcf479181", Bytes.wrap(java.util.Arrays.copyOf(data.value(), 4)).toHex());
        Revert.CustomError e = assertInstanceOf(Revert.CustomError.class, Revert.decode(data, ABI));
        assertEquals("InsufficientBalance", e.error().name());
        assertEquals(BigInteger.valueOf(5), e.args().getBigInteger("available"));
        assertEquals(BigInteger.valueOf(10), e.args().getBigInteger("required"));
        assertInstanceOf(Revert.Unknown.class, Revert.decode(data));
    }

    @Test
    void emptyAndGarbageAreUnknownWithTheRawData() {
        assertInstanceOf(Revert.Unknown.class, Revert.decode(Bytes.EMPTY, ABI));
        assertEquals("reverted without data", Revert.decode(Bytes.EMPTY).describe());
        Bytes garbage = Bytes.of("0xdeadbeef01");
        assertEquals(garbage, assertInstanceOf(Revert.Unknown.class, Revert.decode(garbage, ABI)).data());
        // a known selector whose data is cut short
        Bytes cut = Bytes.of("0x08c379a0" + "00".repeat(31) + "20");
        assertEquals(cut, assertInstanceOf(Revert.Unknown.class, Revert.decode(cut)).data());
    }
}
