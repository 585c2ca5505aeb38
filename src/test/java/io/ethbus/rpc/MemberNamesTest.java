package io.ethbus.rpc;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemberNamesTest {
    /** A transaction's names: many of one length, several sharing first, middle and last letters. */
    private static final List<String> NAMES = List.of("blockHash", "blockNumber", "from", "gas", "gasPrice",
            "maxFeePerGas", "maxPriorityFeePerGas", "hash", "input", "nonce", "to", "transactionIndex", "value",
            "type", "accessList", "chainId", "v", "r", "s", "yParity", "", "ab", "ba", "aab", "aba", "baa",
            "aVeryLongMemberNameOfMoreThanTwentyFourBytes", "aVeryLongMemberNameOfMoreThanTwentyFourBytez");

    /**
     * The index found for {@code name} inside a longer text (compared word by word) and at the
     * very end of one (byte by byte); both ways must agree.
     */
    private static int find(MemberNames names, String name) {
        byte[] padded = ("xx" + name + "\":\"0x0123456789abcdef0123456789abcdef\"").getBytes(StandardCharsets.ISO_8859_1);
        byte[] atEnd = ("xx" + name).getBytes(StandardCharsets.ISO_8859_1);
        int found = names.indexOf(padded, 2, name.length());
        assertEquals(found, names.indexOf(atEnd, 2, name.length()), name);
        return found;
    }

    @Test
    void findsEveryListedNameAtItsIndexByBytesAndByText() {
        MemberNames names = MemberNames.of(NAMES.toArray(String[]::new));
        assertEquals(NAMES.size(), names.size());
        for (int i = 0; i < NAMES.size(); i++) {
            assertEquals(i, find(names, NAMES.get(i)), NAMES.get(i));
            assertEquals(i, names.indexOf(NAMES.get(i)), NAMES.get(i));
        }
    }

    @Test
    void answersMinusOneForNamesNotListedEvenWhenTheyShareLengthAndEnds() {
        MemberNames names = MemberNames.of(NAMES.toArray(String[]::new));
        for (String other : List.of("blockHasH", "bloc", "gasprice", "nonces", "x", "bb", "aaa", "bab",
                "maxFeePerBlobGas", "transactionIndeX", "aVeryLongMemberNameOfMoreThanTwentyFourByte",
                "aVeryLongMemberNameOfMoreThanTwentyFourBytesX", "aVeryLongMemberNameOfMoreThanTwentyFourBytex", "r\u00e9sult", "\u0100")) {
            assertEquals(-1, names.indexOf(other), other);
            if (other.chars().allMatch(c -> c < 0x100)) {
                assertEquals(-1, find(names, other), other);
            }
        }
    }

    @Test
    void aTableOfManyNamesStillFindsEachOnce() {
        String[] many = IntStream.range(0, 500).mapToObj(i -> "m" + i).toArray(String[]::new);
        MemberNames names = MemberNames.of(many);
        for (int i = 0; i < many.length; i++) {
            assertEquals(i, find(names, many[i]));
        }
        assertEquals(-1, find(names, "m500"));
    }

    @Test
    void refusesNamesListedTwiceOrNotAscii() {
        assertThrows(IllegalArgumentException.class, () -> MemberNames.of("id", "result", "id"));
        assertThrows(IllegalArgumentException.class, () -> MemberNames.of("r\u00e9sult"));
    }
}
