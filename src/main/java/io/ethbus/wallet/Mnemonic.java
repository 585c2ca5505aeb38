package io.ethbus.wallet;

import io.ethbus.wallet.InvalidMnemonicException.Problem;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;

/**
 * A BIP-39 mnemonic in English: 12, 15, 18, 21 or 24 words that encode 128 to 256 bits of
 * entropy and a checksum, and the 64-byte seed they give with a passphrase. The words are
 * never in {@link #toString()} or in an exception message.
 *
 * <pre>Mnemonic m = Mnemonic.parse("test test ... junk");  byte[] seed = m.seed("");</pre>
 */
public final class Mnemonic {
    /** BIP-39's PBKDF2 round count. */
    private static final int SEED_ROUNDS = 2048;
    private static final int SEED_BITS = 512;
    private static final int BITS_PER_WORD = 11;

    private final List<String> words;
    private final byte[] entropy;

    private Mnemonic(List<String> words, byte[] entropy) {
        this.words = words;
        this.entropy = entropy;
    }

    /** A fresh mnemonic of {@code wordCount} words from a new {@link SecureRandom}. */
    public static Mnemonic generate(int wordCount) {
        return generate(wordCount, new SecureRandom());
    }

    /** A fresh mnemonic of {@code wordCount} words (12, 15, 18, 21 or 24) drawn from {@code random}. */
    public static Mnemonic generate(int wordCount, SecureRandom random) {
        checkWordCount(wordCount);
        byte[] entropy = new byte[wordCount * BITS_PER_WORD * 32 / 33 / 8];
        random.nextBytes(entropy);
        try {
            return fromEntropy(entropy);
        } finally {
            Arrays.fill(entropy, (byte) 0);
        }
    }

    /**
     * The mnemonic of 16, 20, 24, 28 or 32 bytes of entropy (BIP-39's ENT of 128..256 bits).
     *
     * @throws InvalidMnemonicException ({@link Problem#BAD_WORD_COUNT}) when {@code entropy} is null or of another size
     */
    public static Mnemonic fromEntropy(byte[] entropy) {
        if (entropy == null) {
            throw new InvalidMnemonicException(Problem.BAD_WORD_COUNT, 0, "the entropy is null");
        }
        int entBits = entropy.length * 8;
        if (entBits < 128 || entBits > 256 || entBits % 32 != 0) {
            throw new InvalidMnemonicException(Problem.BAD_WORD_COUNT, 0,
                    "entropy must be 16, 20, 24, 28 or 32 bytes, got " + entropy.length);
        }
        int checksumBits = entBits / 32;
        byte[] checksum = Sha256.hash(entropy);
        String[] out = new String[(entBits + checksumBits) / BITS_PER_WORD];
        for (int w = 0; w < out.length; w++) {
            int index = 0;
            for (int b = 0; b < BITS_PER_WORD; b++) {
                int bit = w * BITS_PER_WORD + b;
                boolean set = bit < entBits ? bitAt(entropy, bit) : bitAt(checksum, bit - entBits);
                index = (index << 1) | (set ? 1 : 0);
            }
            out[w] = EnglishWordList.word(index);
        }
        return new Mnemonic(List.of(out), entropy.clone());
    }

    /**
     * Reads a phrase: NFKD-normalised as BIP-39 says, words separated by any whitespace; checks the
     * word count, that every word is in the English list, and the checksum.
     *
     * @throws InvalidMnemonicException naming the problem (and the position of an unknown word)
     */
    public static Mnemonic parse(String phrase) {
        if (phrase == null) {
            throw new InvalidMnemonicException(Problem.BAD_WORD_COUNT, 0, "the mnemonic is null");
        }
        String normalized = Normalizer.normalize(phrase, Normalizer.Form.NFKD).strip();
        String[] given = normalized.isEmpty() ? new String[0] : normalized.split("\\s+");
        checkWordCount(given.length);
        int totalBits = given.length * BITS_PER_WORD;
        int checksumBits = totalBits / 33;
        int entBits = totalBits - checksumBits;
        byte[] bits = new byte[(totalBits + 7) / 8];
        try {
            for (int w = 0; w < given.length; w++) {
                int index = EnglishWordList.indexOf(given[w]);
                if (index < 0) {
                    throw new InvalidMnemonicException(Problem.UNKNOWN_WORD, w + 1,
                            "word " + (w + 1) + " of " + given.length + " is not in the BIP-39 English list");
                }
                for (int b = 0; b < BITS_PER_WORD; b++) {
                    if ((index >> (BITS_PER_WORD - 1 - b) & 1) != 0) {
                        int bit = w * BITS_PER_WORD + b;
                        bits[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                    }
                }
            }
            byte[] entropy = Arrays.copyOf(bits, entBits / 8);
            byte[] expected = Sha256.hash(entropy);
            for (int c = 0; c < checksumBits; c++) {
                if (bitAt(bits, entBits + c) != bitAt(expected, c)) {
                    Arrays.fill(entropy, (byte) 0);
                    throw new InvalidMnemonicException(Problem.BAD_CHECKSUM, 0,
                            "the checksum of the " + given.length + " words does not match: a word is wrong or out of order");
                }
            }
            return new Mnemonic(List.of(given), entropy);
        } finally {
            Arrays.fill(bits, (byte) 0);
        }
    }

    /** The words, in order. */
    public List<String> words() {
        return words;
    }

    /** The words joined by single spaces: the phrase BIP-39 hashes. */
    public String phrase() {
        return String.join(" ", words);
    }

    /** A copy of the entropy the words encode. */
    public byte[] entropy() {
        return entropy.clone();
    }

    /**
     * The 64-byte BIP-39 seed: PBKDF2-HMAC-SHA512 over the phrase, salted with "mnemonic" and the
     * NFKD-normalised passphrase (null means none), 2048 rounds. CPU work of a few milliseconds:
     * on an event loop, run it through {@code executeBlocking}.
     */
    public byte[] seed(String passphrase) {
        byte[] password = phrase().getBytes(StandardCharsets.UTF_8);
        String salt = "mnemonic" + Normalizer.normalize(passphrase == null ? "" : passphrase, Normalizer.Form.NFKD);
        PKCS5S2ParametersGenerator pbkdf2 = new PKCS5S2ParametersGenerator(new SHA512Digest());
        pbkdf2.init(password, salt.getBytes(StandardCharsets.UTF_8), SEED_ROUNDS);
        try {
            return ((KeyParameter) pbkdf2.generateDerivedParameters(SEED_BITS)).getKey();
        } finally {
            // The generator holds this very array, so it is zeroed only after the derivation.
            Arrays.fill(password, (byte) 0);
        }
    }

    /** The word count only, never the words. */
    @Override
    public String toString() {
        return "Mnemonic[" + words.size() + " words]";
    }

    private static void checkWordCount(int count) {
        if (count < 12 || count > 24 || count % 3 != 0) {
            throw new InvalidMnemonicException(Problem.BAD_WORD_COUNT, 0,
                    "a mnemonic has 12, 15, 18, 21 or 24 words, got " + count);
        }
    }

    private static boolean bitAt(byte[] bytes, int bit) {
        return (bytes[bit / 8] >> (7 - bit % 8) & 1) != 0;
    }
}
