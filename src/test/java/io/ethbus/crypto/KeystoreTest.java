package io.ethbus.crypto;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test vectors of the Web3 Secret Storage definition, and round trips. */
class KeystoreTest {
    static final String PASSWORD = "testpassword";
    static final String KEY = "7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";

    static final String PBKDF2 = """
            {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"6087dab2f9fdbbfaddc31a909735c1e6"},
             "ciphertext":"5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46","kdf":"pbkdf2",
             "kdfparams":{"c":262144,"dklen":32,"prf":"hmac-sha256",
              "salt":"ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd"},
             "mac":"517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2"},
             "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}""";

    static final String SCRYPT = """
            {"crypto":{"cipher":"aes-128-ctr","cipherparams":{"iv":"83dbcc02d8ccb40e466191a123791e0e"},
             "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt",
             "kdfparams":{"dklen":32,"n":262144,"p":8,"r":1,
              "salt":"ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19"},
             "mac":"2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097"},
             "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}""";

    @Test
    void pbkdf2Vector() {
        assertEquals(Account.fromPrivateKey(KEY), Keystore.decrypt(PBKDF2, PASSWORD));
        assertEquals("0x" + KEY, AccountKeyAccess.keyHex(Keystore.decrypt(PBKDF2, PASSWORD)));
    }

    @Test
    void scryptVectorOffTheEventLoop() {
        Vertx vertx = Vertx.vertx();
        try {
            Account account = result(Keystore.decrypt(vertx, SCRYPT, PASSWORD), 120);
            assertEquals("0x" + KEY, AccountKeyAccess.keyHex(account));
        } finally {
            result(vertx.close());
        }
    }

    @Test
    void scryptMatchesRfc7914() {
        // RFC 7914 section 12, second vector: P="password", S="NaCl", N=1024, r=8, p=16, dkLen=64.
        byte[] dk = Scrypt.derive("password".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                "NaCl".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 1024, 8, 16, 64);
        assertEquals("0xfdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640", io.ethbus.primitives.Hex.encode(dk));
    }

    @Test
    void wrongPasswordIsTypedAndSaysNothingSecret() {
        WrongPasswordException e = assertThrows(WrongPasswordException.class, () -> Keystore.decrypt(PBKDF2, "testpassworD"));
        assertFalse(e.getMessage().contains(KEY.substring(0, 16)));
        assertFalse(e.getMessage().contains("testpassworD"));
    }

    @Test
    void encryptThenDecryptRoundTrips() {
        Account account = Account.generate();
        String json = Keystore.encrypt(account, "s3cret \u00e9", 1 << 12);
        String key = AccountKeyAccess.keyHex(account).substring(2);
        assertFalse(json.contains(key), "the key is not in the file in the clear");
        assertTrue(json.contains(account.address().toHex().substring(2)));
        assertEquals(account, Keystore.decrypt(json, "s3cret \u00e9"));
        assertThrows(WrongPasswordException.class, () -> Keystore.decrypt(json, "s3cret e"));
        assertNotEquals(json, Keystore.encrypt(account, "s3cret \u00e9", 1 << 12), "fresh salt and iv each time");
    }

    @Test
    void encryptOnAWorker() {
        Vertx vertx = Vertx.vertx();
        try {
            Account account = Account.generate();
            String json = result(Keystore.encrypt(vertx, account, "pw"), 120);
            assertEquals(account, result(Keystore.decrypt(vertx, json, "pw"), 120));
            assertInstanceOf(WrongPasswordException.class, failure(Keystore.decrypt(vertx, json, "px")));
        } finally {
            result(vertx.close());
        }
    }

    @Test
    void malformedKeystoresAreTyped() {
        assertThrows(InvalidKeystoreException.class, () -> Keystore.decrypt("{", PASSWORD));
        assertThrows(InvalidKeystoreException.class, () -> Keystore.decrypt(PBKDF2.replace("\"version\":3", "\"version\":1"), PASSWORD));
        assertThrows(InvalidKeystoreException.class, () -> Keystore.decrypt(PBKDF2.replace("aes-128-ctr", "aes-128-cbc"), PASSWORD));
        assertThrows(InvalidKeystoreException.class, () -> Keystore.decrypt(PBKDF2.replace("hmac-sha256", "hmac-md5"), PASSWORD));
        assertThrows(InvalidKeystoreException.class, () -> Keystore.decrypt(SCRYPT.replace("\"n\":262144", "\"n\":1073741824"), PASSWORD));
        assertThrows(InvalidKeystoreException.class, () -> Keystore.decrypt(PBKDF2.replace("6087dab2", "zz87dab2"), PASSWORD));
    }
}
