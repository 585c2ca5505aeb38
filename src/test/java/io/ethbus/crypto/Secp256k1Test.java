package io.ethbus.crypto;

import io.ethbus.primitives.Keccak;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hex;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Secp256k1Test {
    static final String ANVIL_KEY_0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    @Test
    void addressOfKnownKey() {
        assertEquals(Address.of("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
                Account.fromPrivateKey(ANVIL_KEY_0).address());
        // the EIP-155 example key 0x4646..46
        assertEquals(Address.of("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F"),
                Account.fromPrivateKey("4646464646464646464646464646464646464646464646464646464646464646").address());
    }

    @Test
    void signatureOfEip155ExampleHashIsTheKnownOne() {
        // r and s of the EIP-155 example transaction; deterministic k (RFC 6979) must reproduce them.
        Account account = Account.fromPrivateKey("0x4646464646464646464646464646464646464646464646464646464646464646");
        byte[] hash = Hex.decode("0xdaf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53");
        Signature sig = account.sign(hash);
        assertEquals(new BigInteger("28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276", 16), sig.r());
        assertEquals(new BigInteger("67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83", 16), sig.s());
        assertEquals(0, sig.yParity());
        assertEquals(account.address(), Secp256k1.recoverAddress(hash, sig));
    }

    @Test
    void signIsDeterministicLowSAndRecoverable() {
        Account account = Account.fromPrivateKey(ANVIL_KEY_0);
        int[] parities = new int[2];
        for (int i = 0; i < 200; i++) {
            byte[] hash = Keccak.keccak256(("message " + i).getBytes(StandardCharsets.UTF_8));
            Signature sig = account.sign(hash);
            assertEquals(sig, account.sign(hash));
            assertTrue(sig.isLowS(), "s must be low");
            assertArrayEquals(account.publicKey().value(), Secp256k1.recoverPublicKey(hash, sig));
            parities[sig.yParity()]++;
            Signature flipped = new Signature(sig.r(), sig.s(), 1 - sig.yParity());
            assertNotEquals(account.address(), Secp256k1.recoverAddress(hash, flipped));
        }
        assertTrue(parities[0] > 0 && parities[1] > 0, "both recovery ids occur");
    }

    @Test
    void signatureBytesRoundTrip() {
        Account account = Account.generate();
        byte[] hash = Keccak.keccak256(new byte[] {1, 2, 3});
        Signature sig = account.sign(hash);
        byte[] bytes = sig.toBytes().value();
        assertEquals(65, bytes.length);
        assertEquals(27 + sig.yParity(), bytes[64]);
        assertEquals(sig, Signature.fromBytes(bytes));
    }

    @Test
    void invalidInputsAreTyped() {
        assertThrows(InvalidSignatureException.class, () -> new Signature(BigInteger.ZERO, BigInteger.ONE, 0));
        assertThrows(InvalidSignatureException.class, () -> new Signature(BigInteger.ONE, Secp256k1.N, 0));
        assertThrows(InvalidSignatureException.class, () -> new Signature(BigInteger.ONE, BigInteger.ONE, 2));
        assertThrows(InvalidSignatureException.class, () -> Signature.fromBytes(new byte[64]));
        assertThrows(InvalidSignatureException.class, () -> Secp256k1.sign(new byte[31], BigInteger.ONE));
        assertThrows(InvalidPrivateKeyException.class, () -> Secp256k1.sign(new byte[32], Secp256k1.N));
        // r = 5 is not the x coordinate of any point on secp256k1 with a square y... or recovers to a different key;
        // either way recovery must not crash with an untyped error.
        byte[] hash = new byte[32];
        Signature odd = new Signature(BigInteger.valueOf(5), BigInteger.ONE, 0);
        try {
            Secp256k1.recoverAddress(hash, odd);
        } catch (InvalidSignatureException expected) {
            // fine
        }
    }
}
