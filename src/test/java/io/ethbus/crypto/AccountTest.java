package io.ethbus.crypto;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccountTest {
    static final String KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @Test
    void hexWithOrWithoutPrefixAndBytesAgree() {
        Account a = Account.fromPrivateKey(KEY);
        assertEquals(a, Account.fromPrivateKey("0x" + KEY));
        assertEquals(a, Account.fromPrivateKey(a.privateKeyBytes()));
        assertEquals(KEY, io.ethbus.primitives.Hex.encode(a.privateKeyBytes()).substring(2));
    }

    @Test
    void toStringShowsTheAddressNotTheKey() {
        Account a = Account.fromPrivateKey(KEY);
        String s = a.toString();
        assertTrue(s.contains(a.address().toChecksumHex()));
        assertFalse(s.toLowerCase().contains(KEY.substring(0, 16)), s);
        assertFalse(s.toLowerCase().contains(KEY.substring(48)), s);
    }

    @Test
    void malformedKeysFailWithoutEchoingTheKey() {
        String almost = KEY.substring(0, 63) + "g";
        InvalidPrivateKeyException e = assertThrows(InvalidPrivateKeyException.class, () -> Account.fromPrivateKey(almost));
        assertFalse(e.getMessage().contains(KEY.substring(0, 16)), e.getMessage());
        e = assertThrows(InvalidPrivateKeyException.class, () -> Account.fromPrivateKey(KEY + "00"));
        assertFalse(e.getMessage().contains(KEY.substring(0, 16)), e.getMessage());
        assertThrows(InvalidPrivateKeyException.class, () -> Account.fromPrivateKey("0x" + "0".repeat(64)));
        assertThrows(InvalidPrivateKeyException.class, () -> Account.fromPrivateKey("0x" + "f".repeat(64)));
        assertThrows(InvalidPrivateKeyException.class, () -> Account.fromPrivateKey(new byte[31]));
        assertThrows(InvalidPrivateKeyException.class, () -> Account.fromPrivateKey("0x" + "\u0661".repeat(64)));
    }

    @Test
    void generatedAccountsDiffer() {
        Account a = Account.generate();
        Account b = Account.generate(new SecureRandom());
        assertNotEquals(a, b);
        assertEquals(64, a.publicKey().length());
    }
}
