package io.ethbus.crypto;

import io.ethbus.primitives.Keccak;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.JsonRpcCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.UUID;

/**
 * Version 3 keystore files (Web3 Secret Storage): the private key encrypted with AES-128-CTR
 * under a key derived from a password by scrypt or PBKDF2-HMAC-SHA256, and a Keccak MAC that
 * tells a wrong password apart. Key derivation takes from milliseconds to seconds on purpose:
 * on an event loop use the {@link Vertx} variants, which run it on a worker.
 *
 * <pre>Keystore.decrypt(vertx, json, password).onSuccess(account -&gt; ...)</pre>
 */
public final class Keystore {
    /** geth's "standard" scrypt cost: n = 2^18, r = 8, p = 1. */
    public static final int STANDARD_SCRYPT_N = 1 << 18;
    private static final int SCRYPT_R = 8;
    private static final int SCRYPT_P = 1;
    private static final int DK_LEN = 32;
    /** Refuse KDF costs a hostile file could use to exhaust memory or time. */
    private static final long MAX_SCRYPT_MEMORY = 1L << 30;
    private static final int MAX_PBKDF2_ROUNDS = 10_000_000;

    private Keystore() {
    }

    /** Decrypts on a worker thread; fails with {@link WrongPasswordException} or {@link InvalidKeystoreException}. */
    public static Future<Account> decrypt(Vertx vertx, String json, String password) {
        return vertx.executeBlocking(() -> decrypt(json, password), false);
    }

    /** Encrypts with the standard scrypt cost on a worker thread. */
    public static Future<String> encrypt(Vertx vertx, Account account, String password) {
        return vertx.executeBlocking(() -> encrypt(account, password), false);
    }

    /** Decrypts on the calling thread; blocks for the KDF's duration, so never call it on an event loop. */
    public static Account decrypt(String json, String password) {
        JsonNode root;
        try {
            root = JsonRpcCodec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidKeystoreException("keystore is not valid JSON");
        }
        if (root == null || root.path("version").asInt() != 3) {
            throw new InvalidKeystoreException("only version 3 keystores are supported");
        }
        JsonNode crypto = root.has("crypto") ? root.get("crypto") : root.path("Crypto");
        String cipher = crypto.path("cipher").asText();
        if (!"aes-128-ctr".equals(cipher)) {
            throw new InvalidKeystoreException("unsupported cipher '" + cipher + "'");
        }
        byte[] iv = hex(crypto.path("cipherparams"), "iv");
        byte[] ciphertext = hex(crypto, "ciphertext");
        byte[] mac = hex(crypto, "mac");
        byte[] derived = deriveKey(crypto.path("kdf").asText(), crypto.path("kdfparams"), password);
        if (!MessageDigest.isEqual(mac(derived, ciphertext), mac)) {
            throw new WrongPasswordException();
        }
        byte[] key = aes128Ctr(Arrays.copyOf(derived, 16), iv, ciphertext);
        try {
            return Account.fromPrivateKey(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Encrypts with the standard scrypt cost (n = 2^18, r = 8, p = 1); blocks for about a second. */
    public static String encrypt(Account account, String password) {
        return encrypt(account, password, STANDARD_SCRYPT_N);
    }

    /** Encrypts with scrypt cost {@code n} (a power of two; r = 8, p = 1), fresh salt, IV and id. */
    public static String encrypt(Account account, String password, int scryptN) {
        if (scryptN < 2 || Integer.bitCount(scryptN) != 1) {
            throw new IllegalArgumentException("scrypt n must be a power of two above 1, got " + scryptN);
        }
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[32];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        byte[] derived = Scrypt.derive(password.getBytes(StandardCharsets.UTF_8), salt, scryptN, SCRYPT_R, SCRYPT_P, DK_LEN);
        byte[] key = account.privateKeyBytes();
        byte[] ciphertext = aes128Ctr(Arrays.copyOf(derived, 16), iv, key);
        Arrays.fill(key, (byte) 0);

        ObjectNode root = JsonRpcCodec.mapper().createObjectNode();
        root.put("address", account.address().toHex().substring(2));
        ObjectNode crypto = root.putObject("crypto");
        crypto.put("cipher", "aes-128-ctr");
        crypto.putObject("cipherparams").put("iv", plainHex(iv));
        crypto.put("ciphertext", plainHex(ciphertext));
        crypto.put("kdf", "scrypt");
        ObjectNode kdf = crypto.putObject("kdfparams");
        kdf.put("dklen", DK_LEN).put("n", scryptN).put("p", SCRYPT_P).put("r", SCRYPT_R).put("salt", plainHex(salt));
        crypto.put("mac", plainHex(mac(derived, ciphertext)));
        root.put("id", UUID.randomUUID().toString());
        root.put("version", 3);
        return root.toString();
    }

    private static byte[] deriveKey(String kdf, JsonNode params, String password) {
        byte[] pass = password.getBytes(StandardCharsets.UTF_8);
        byte[] salt = hex(params, "salt");
        int dkLen = params.path("dklen").asInt();
        if (dkLen != DK_LEN) {
            throw new InvalidKeystoreException("dklen must be " + DK_LEN + ", got " + dkLen);
        }
        switch (kdf) {
            case "scrypt" -> {
                int n = params.path("n").asInt();
                int r = params.path("r").asInt();
                int p = params.path("p").asInt();
                if (n < 2 || Integer.bitCount(n) != 1 || r < 1 || p < 1) {
                    throw new InvalidKeystoreException("invalid scrypt parameters n=" + n + " r=" + r + " p=" + p);
                }
                if (128L * r * n > MAX_SCRYPT_MEMORY || (long) r * p >= 1 << 30) {
                    throw new InvalidKeystoreException("scrypt parameters n=" + n + " r=" + r + " p=" + p + " are too costly");
                }
                return Scrypt.derive(pass, salt, n, r, p, dkLen);
            }
            case "pbkdf2" -> {
                String prf = params.path("prf").asText();
                if (!"hmac-sha256".equals(prf)) {
                    throw new InvalidKeystoreException("unsupported pbkdf2 prf '" + prf + "'");
                }
                int c = params.path("c").asInt();
                if (c < 1 || c > MAX_PBKDF2_ROUNDS) {
                    throw new InvalidKeystoreException("pbkdf2 round count " + c + " is out of range");
                }
                PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
                generator.init(pass, salt, c);
                return ((KeyParameter) generator.generateDerivedParameters(dkLen * 8)).getKey();
            }
            default -> throw new InvalidKeystoreException("unsupported kdf '" + kdf + "'");
        }
    }

    /** keccak256(derivedKey[16..32] || ciphertext), the spec's MAC. */
    private static byte[] mac(byte[] derived, byte[] ciphertext) {
        byte[] input = new byte[16 + ciphertext.length];
        System.arraycopy(derived, 16, input, 0, 16);
        System.arraycopy(ciphertext, 0, input, 16, ciphertext.length);
        return Keccak.keccak256(input);
    }

    /** AES-128-CTR is its own inverse: the same call encrypts and decrypts. */
    private static byte[] aes128Ctr(byte[] key, byte[] iv, byte[] input) {
        if (iv.length != 16) {
            throw new InvalidKeystoreException("the AES IV is 16 bytes, got " + iv.length);
        }
        SICBlockCipher ctr = new SICBlockCipher(AESEngine.newInstance());
        ctr.init(true, new ParametersWithIV(new KeyParameter(key), iv));
        byte[] out = new byte[input.length];
        ctr.processBytes(input, 0, input.length, out, 0);
        return out;
    }

    private static byte[] hex(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new InvalidKeystoreException("keystore has no '" + name + "'");
        }
        String s = v.asText();
        try {
            return Hex.decode(s.startsWith("0x") ? s : "0x" + s);
        } catch (RuntimeException e) {
            throw new InvalidKeystoreException("keystore field '" + name + "' is not hex");
        }
    }

    private static String plainHex(byte[] bytes) {
        return Hex.encode(bytes).substring(2);
    }
}
