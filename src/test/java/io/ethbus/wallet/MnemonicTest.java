package io.ethbus.wallet;

import io.ethbus.primitives.Hex;
import io.ethbus.wallet.InvalidMnemonicException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BIP-39 against the BIP's published reference vectors (Trezor's: entropy, mnemonic, and the seed
 * with passphrase "TREZOR"), which also check the English word list; and bad phrases.
 */
class MnemonicTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        00000000000000000000000000000000 | abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about | c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04
        7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f | legal winner thank year wave sausage worth useful legal winner thank yellow | 2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607
        80808080808080808080808080808080 | letter advice cage absurd amount doctor acoustic avoid letter advice cage above | d71de856f81a8acc65e6fc851a38d4d7ec216fd0796d0a6827a3ad6ed5511a30fa280f12eb2e47ed2ac03b5c462a0358d18d69fe4f985ec81778c1b370b652a8
        ffffffffffffffffffffffffffffffff | zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong | ac27495480225222079d7be181583751e86f571027b0497b5b5d11218e0a8a13332572917f0f8e5a589620c6f15b11c61dee327651a14c34e18231052e48c069
        000000000000000000000000000000000000000000000000 | abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon agent | 035895f2f481b1b0f01fcf8c289c794660b289981a78f8106447707fdd9666ca06da5a9a565181599b79f53b844d8a71dd9f439c52a3d7b3e8a79c906ac845fa
        7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f7f | legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth useful legal winner thank year wave sausage worth title | bc09fca1804f7e69da93c2f2028eb238c227f2e9dda30cd63699232578480a4021b146ad717fbb7e451ce9eb835f43620bf5c514db0f8add49f5d121449d3e87
        ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff | zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo vote | dd48c104698c30cfe2b6142103248622fb7bb0ff692eebb00089b32d22484e1613912f0a5b694407be899ffd31ed3992c456cdf60f5d4564b8ba3f05a69890ad
        9e885d952ad362caeb4efe34a8e91bd2 | ozone drill grab fiber curtain grace pudding thank cruise elder eight picnic | 274ddc525802f7c828d8ef7ddbcdc5304e87ac3535913611fbbfa986d0c9e5476c91689f9c8a54fd55bd38606aa6a8595ad213d4c9c9f9aca3fb217069a41028
        6610b25967cdcca9d59875f5cb50b0ea75433311869e930b | gravity machine north sort system female filter attitude volume fold club stay feature office ecology stable narrow fog | 628c3827a8823298ee685db84f55caa34b5cc195a778e52d45f59bcf75aba68e4d7590e101dc414bc1bbd5737666fbbef35d1f1903953b66624f910feef245ac
        68a79eaca2324873eacc50cb9c6eca8cc68ea5d936f98787c60c7ebc74e6ce7c | hamster diagram private dutch cause delay private meat slide toddler razor book happy fancy gospel tennis maple dilemma loan word shrug inflict delay length | 64c87cde7e12ecf6704ab95bb1408bef047c22db4cc7491c4271d170a1b213d20b385bc1588d9c7b38f1b39d415665b8a9030c9ec653d75e65f847d8fc1fc440
        0460ef47585604c5660618db2e6a7e7f | afford alter spike radar gate glance object seek swamp infant panel yellow | 65f93a9f36b6c85cbe634ffc1f99f2b82cbb10b31edc7f087b4f6cb9e976e9faf76ff41f8f27c99afdf38f7a303ba1136ee48a4c1e7fcd3dba7aa876113a36e4
        72f60ebac5dd8add8d2a25a797102c3ce21bc029c200076f | indicate race push merry suffer human cruise dwarf pole review arch keep canvas theme poem divorce alter left | 3bbf9daa0dfad8229786ace5ddb4e00fa98a044ae4c4975ffd5e094dba9e0bb289349dbe2091761f30f382d4e35c4a670ee8ab50758d2c55881be69e327117ba
        """)
    void trezorVectorsRoundTrip(String entropyHex, String words, String seedHex) {
        byte[] entropy = Hex.decode("0x" + entropyHex);
        Mnemonic fromEntropy = Mnemonic.fromEntropy(entropy);
        assertEquals(words, fromEntropy.phrase());

        Mnemonic parsed = Mnemonic.parse(words);
        assertArrayEquals(entropy, parsed.entropy());
        assertEquals(seedHex, Hex.encode(parsed.seed("TREZOR")).substring(2));
    }

    @Test
    void wordListIsBip39English() {
        List<String> words = EnglishWordList.words();
        assertEquals(2048, words.size());
        assertEquals(2048, new HashSet<>(words).size());
        for (int i = 1; i < words.size(); i++) {
            assertTrue(words.get(i - 1).compareTo(words.get(i)) < 0, "not sorted at " + i);
        }
        assertEquals("abandon", EnglishWordList.word(0));
        assertEquals("zoo", EnglishWordList.word(2047));
        assertEquals(-1, EnglishWordList.indexOf("bitcoin"));
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 15, 18, 21, 24})
    void generatedMnemonicsParseBack(int wordCount) {
        Mnemonic generated = Mnemonic.generate(wordCount, new SecureRandom());
        assertEquals(wordCount, generated.words().size());
        assertEquals(wordCount * 11 * 32 / 33 / 8, generated.entropy().length);
        assertArrayEquals(generated.entropy(), Mnemonic.parse(generated.phrase()).entropy());
    }

    @Test
    void whitespaceAndNfkdAreNormalised() {
        String canonical = "legal winner thank year wave sausage worth useful legal winner thank yellow";
        // Ideographic spaces and tabs between words; NFKD maps U+3000 to a plain space.
        String messy = "  legal\u3000winner\tthank year  wave sausage worth useful legal winner thank yellow\n";
        assertEquals(canonical, Mnemonic.parse(messy).phrase());
        assertArrayEquals(Mnemonic.parse(canonical).seed("TREZOR"), Mnemonic.parse(messy).seed("TREZOR"));
        // A passphrase is NFKD-normalised too: a precomposed and a decomposed "é" give the same seed.
        assertArrayEquals(Mnemonic.parse(canonical).seed("caf\u00e9"), Mnemonic.parse(canonical).seed("cafe\u0301"));
        assertFalse(java.util.Arrays.equals(Mnemonic.parse(canonical).seed(""), Mnemonic.parse(canonical).seed("TREZOR")));
        assertArrayEquals(Mnemonic.parse(canonical).seed(""), Mnemonic.parse(canonical).seed(null));
    }

    @Test
    void unknownWordIsNamedByPosition() {
        InvalidMnemonicException e = assertThrows(InvalidMnemonicException.class, () -> Mnemonic.parse(
                "legal winner thank year wave sausage worth useful legal winnr thank yellow"));
        assertEquals(Problem.UNKNOWN_WORD, e.problem());
        assertEquals(10, e.position());
        assertTrue(e.getMessage().contains("word 10 of 12"), e.getMessage());
        assertFalse(e.getMessage().contains("winnr"), "the message must not repeat the words");
    }

    @Test
    void badChecksumIsTyped() {
        // Every word is in the list, but swapping the last word breaks the checksum.
        InvalidMnemonicException e = assertThrows(InvalidMnemonicException.class, () -> Mnemonic.parse(
                "legal winner thank year wave sausage worth useful legal winner thank year"));
        assertEquals(Problem.BAD_CHECKSUM, e.problem());
        assertEquals(0, e.position());
        assertFalse(e.getMessage().contains("legal"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about"})
    void badWordCountIsTyped(String phrase) {
        InvalidMnemonicException e = assertThrows(InvalidMnemonicException.class, () -> Mnemonic.parse(phrase));
        assertEquals(Problem.BAD_WORD_COUNT, e.problem());
    }

    @Test
    void badSizesAreTyped() {
        assertEquals(Problem.BAD_WORD_COUNT, assertThrows(InvalidMnemonicException.class,
                () -> Mnemonic.fromEntropy(new byte[15])).problem());
        assertEquals(Problem.BAD_WORD_COUNT, assertThrows(InvalidMnemonicException.class,
                () -> Mnemonic.generate(13)).problem());
        assertEquals(Problem.BAD_WORD_COUNT, assertThrows(InvalidMnemonicException.class,
                () -> Mnemonic.parse(null)).problem());
        assertEquals(Problem.BAD_WORD_COUNT, assertThrows(InvalidMnemonicException.class,
                () -> Mnemonic.fromEntropy(null)).problem());
    }

    @Test
    void wordIndexOutsideTheListIsTyped() {
        assertEquals("zoo", EnglishWordList.word(EnglishWordList.SIZE - 1));
        assertEquals(Problem.UNKNOWN_WORD, assertThrows(InvalidMnemonicException.class,
                () -> EnglishWordList.word(EnglishWordList.SIZE)).problem());
        assertEquals(Problem.UNKNOWN_WORD, assertThrows(InvalidMnemonicException.class,
                () -> EnglishWordList.word(-1)).problem());
    }

    @Test
    void toStringHidesTheWords() {
        Mnemonic m = Mnemonic.parse("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong");
        assertEquals("Mnemonic[12 words]", m.toString());
    }
}
