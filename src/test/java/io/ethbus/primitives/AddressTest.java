package io.ethbus.primitives;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressTest {

    /** The test vectors of EIP-55 itself: all caps, all lower, and mixed ("normal"). */
    @ParameterizedTest
    @ValueSource(strings = {
            "0x52908400098527886E0F7030069857D2E4169EE7",
            "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
            "0xde709f2102306220921060314715629080e2fb77",
            "0x27b1fdb04752bbc536007a920d24acb045561c26",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void eip55Vectors(String checksummed) {
        Address address = Address.of(checksummed);
        assertEquals(checksummed, address.toChecksumHex());
        assertEquals(checksummed, address.toString());
        assertEquals(checksummed.toLowerCase(), address.toHex());
        assertTrue(Address.isValidChecksum(checksummed));
        // The same address typed all lower or all upper carries no checksum and is accepted.
        assertEquals(address, Address.of(checksummed.toLowerCase()));
        assertEquals(address, Address.of("0x" + checksummed.substring(2).toUpperCase()));
    }

    @Test
    void flippedCaseIsRejectedNamingTheExpectedSpelling() {
        String good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        String flipped = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"; // last letter flipped
        InvalidAddressException e = assertThrows(InvalidAddressException.class, () -> Address.of(flipped));
        assertEquals("invalid address " + flipped + ": checksum mismatch (expected " + good + ")", e.getMessage());
        assertFalse(Address.isValidChecksum(flipped));
        assertTrue(e instanceof io.ethbus.rpc.EthbusException);
    }

    @Test
    void answersAreReadInAnyCaseWithoutAChecksum() {
        String good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
        String flipped = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
        assertEquals(Address.of(good), Address.ofAnyCase(good));
        assertEquals(Address.of(good), Address.ofAnyCase(flipped), "a node's spelling is not checked");
        assertEquals(Address.of(good), Address.ofAnyCase(good.toLowerCase()));
        assertThrows(InvalidAddressException.class, () -> Address.ofAnyCase("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea"));
        assertThrows(InvalidAddressException.class, () -> Address.ofAnyCase("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg"));
        assertThrows(InvalidAddressException.class, () -> Address.ofAnyCase(null));
    }

    @Test
    void lowercaseHasNoChecksum() {
        assertFalse(Address.isValidChecksum("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
        assertFalse(Address.isValidChecksum("not an address"));
        assertFalse(Address.isValidChecksum(null));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea",     // 19 bytes
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00", // 21 bytes
            "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",     // no prefix
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg",   // non-hex
            "0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"})
    void malformedIsRejected(String input) {
        InvalidAddressException e = assertThrows(InvalidAddressException.class, () -> Address.of(input));
        assertTrue(e.getMessage().contains(String.valueOf(input)), e.getMessage());
    }

    @Test
    void wrongByteLengthIsRejected() {
        assertThrows(InvalidAddressException.class, () -> new Address(new byte[19]));
    }

    @Test
    void valueEqualityAndDefensiveCopies() {
        byte[] raw = new byte[20];
        raw[19] = 1;
        Address a = new Address(raw);
        raw[19] = 2;
        assertEquals(Address.of("0x0000000000000000000000000000000000000001"), a);
        assertEquals(a.hashCode(), Address.of("0x0000000000000000000000000000000000000001").hashCode());
        a.value()[19] = 9;
        assertEquals(1, a.value()[19]);
        assertNotEquals(Address.ZERO, a);
        assertEquals("0x0000000000000000000000000000000000000000", Address.ZERO.toHex());
    }
}
