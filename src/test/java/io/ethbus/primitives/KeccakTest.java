package io.ethbus.primitives;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class KeccakTest {
    private static String keccakHex(String ascii) {
        return HexFormat.of().formatHex(Keccak.keccak256(ascii.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void emptyInput() {
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", keccakHex(""));
    }

    @Test
    void abc() {
        assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", keccakHex("abc"));
    }

    @Test
    void erc20TransferSelector() {
        // The first four bytes are the well-known selector of transfer(address,uint256).
        assertEquals("a9059cbb", keccakHex("transfer(address,uint256)").substring(0, 8));
    }

    @Test
    void differsFromNistSha3() {
        // SHA3-256("") = a7ffc6f8...; Ethereum's Keccak must not be confused with it.
        assertNotEquals("a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a", keccakHex(""));
    }

    @Test
    void outputIsThirtyTwoBytesAndInputUntouched() {
        byte[] input = {1, 2, 3};
        byte[] hash = Keccak.keccak256(input);
        assertEquals(32, hash.length);
        assertEquals(3, input[2]);
    }
}
