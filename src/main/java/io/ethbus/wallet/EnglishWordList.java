package io.ethbus.wallet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * BIP-39's English word list: 2048 words, sorted, each fixed by its index. Immutable; loaded
 * once from {@code english.txt} beside this class.
 */
public final class EnglishWordList {
    /** The number of words: 2^11, so that each word carries 11 bits. */
    public static final int SIZE = 2048;

    private static final List<String> WORDS = load();

    private EnglishWordList() {
    }

    /** Every word, in list order. */
    public static List<String> words() {
        return WORDS;
    }

    /**
     * The word at {@code index} (0..2047).
     *
     * @throws InvalidMnemonicException ({@link InvalidMnemonicException.Problem#UNKNOWN_WORD}) when
     *         {@code index} is outside the list
     */
    public static String word(int index) {
        if (index < 0 || index >= SIZE) {
            throw new InvalidMnemonicException(InvalidMnemonicException.Problem.UNKNOWN_WORD, 0,
                    "the English list has words 0.." + (SIZE - 1) + ", not " + index);
        }
        return WORDS.get(index);
    }

    /** The index of {@code word}, or -1 when the list does not hold it. */
    public static int indexOf(String word) {
        // The list is sorted, so a binary search finds a word in 11 comparisons.
        int index = Collections.binarySearch(WORDS, word);
        return index >= 0 ? index : -1;
    }

    private static List<String> load() {
        try (InputStream in = EnglishWordList.class.getResourceAsStream("english.txt")) {
            if (in == null) {
                throw new IllegalStateException("english.txt is missing beside " + EnglishWordList.class.getName());
            }
            String[] words = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\n");
            if (words.length != SIZE) {
                throw new IllegalStateException("english.txt has " + words.length + " words, BIP-39 has " + SIZE);
            }
            return List.copyOf(Arrays.asList(words));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
