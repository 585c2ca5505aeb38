package io.ethbus.crypto;

import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PersonalMessageTest {
    @Test
    void knownVector() {
        // The accounts.sign example of web3.js' documentation.
        Account account = Account.fromPrivateKey("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
        PersonalMessage message = PersonalMessage.of("Some data");
        assertEquals(Hash.of("0x1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655"), message.hash());
        Signature sig = message.sign(account);
        assertEquals(Bytes.of("0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd"
                + "6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c"), sig.toBytes());
        assertEquals(account.address(), message.recoverSigner(sig));
    }

    @Test
    void lengthIsInDecimalAndBytesNotChars() {
        // "é" is two UTF-8 bytes: the prefix must say 2, not 1.
        PersonalMessage accent = PersonalMessage.of("\u00e9");
        assertEquals(PersonalMessage.of(new byte[] {(byte) 0xc3, (byte) 0xa9}).hash(), accent.hash());
        assertNotEquals(PersonalMessage.of("a").hash(), PersonalMessage.of("b").hash());
        Account account = Account.generate();
        PersonalMessage big = PersonalMessage.of(new byte[1234]);
        assertEquals(account.address(), big.recoverSigner(big.sign(account)));
        assertNotEquals(account.address(), PersonalMessage.of(new byte[1233]).recoverSigner(big.sign(account)));
    }
}
