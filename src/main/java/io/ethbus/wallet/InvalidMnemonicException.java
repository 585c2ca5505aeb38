package io.ethbus.wallet;

import io.ethbus.rpc.EthbusException;

/**
 * A mnemonic is not a valid BIP-39 English phrase. The message names the problem and, for an
 * unknown word, its position (1-based); it never repeats the words. An index outside the
 * English list is an {@link Problem#UNKNOWN_WORD} at position 0.
 */
public class InvalidMnemonicException extends EthbusException {
    /** What is wrong with the phrase. */
    public enum Problem {
        /** Not 12, 15, 18, 21 or 24 words (or entropy not 16, 20, 24, 28 or 32 bytes). */
        BAD_WORD_COUNT,
        /** A word that is not in the English list (or an index outside it). */
        UNKNOWN_WORD,
        /** Every word is known, but the checksum bits do not match the entropy. */
        BAD_CHECKSUM
    }

    private final Problem problem;
    private final int position;

    /**
     * @param problem  what is wrong
     * @param position the 1-based position of an unknown word, 0 when the problem is not one word
     * @param message  the explanation, which must not repeat the words
     */
    public InvalidMnemonicException(Problem problem, int position, String message) {
        super(null, null, message);
        this.problem = problem;
        this.position = position;
    }

    /** What is wrong with the phrase, for a caller that reacts to each kind differently. */
    public Problem problem() {
        return problem;
    }

    /** The 1-based position of the unknown word, or 0 when the problem is not one word. */
    public int position() {
        return position;
    }
}
