package io.ethbus.wallet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DerivationPathTest {

    @Test
    void parsesHardenedAndNormalIndices() {
        DerivationPath path = DerivationPath.parse("m/44'/60h/0H/0/3");
        assertEquals(List.of(44 | DerivationPath.HARDENED, 60 | DerivationPath.HARDENED, DerivationPath.HARDENED, 0, 3),
                path.indices());
        assertEquals("m/44'/60'/0'/0/3", path.toString());
        assertEquals(path, DerivationPath.ethereum(3));
        assertEquals(DerivationPath.MASTER, DerivationPath.parse("m"));
        assertEquals(DerivationPath.parse("m/2147483647'"), DerivationPath.MASTER.hardenedChild(Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "44'/60'", "M/0", "m/", "m//0", "m/-1", "m/0x1", "m/2147483648", "m/1''", "m/ 1", "n/0", "m/99999999999"})
    void badPathsAreTyped(String text) {
        InvalidDerivationPathException e = assertThrows(InvalidDerivationPathException.class, () -> DerivationPath.parse(text));
        assertTrue(e.getMessage().contains(text.strip()), e.getMessage());
    }

    @Test
    void negativeChildIsTyped() {
        assertThrows(InvalidDerivationPathException.class, () -> DerivationPath.MASTER.child(-1));
        assertThrows(InvalidDerivationPathException.class, () -> DerivationPath.parse(null));
        assertThrows(InvalidDerivationPathException.class, () -> new DerivationPath(null));
        assertThrows(InvalidDerivationPathException.class, () -> new DerivationPath(Arrays.asList(1, null)));
        assertThrows(InvalidDerivationPathException.class, () -> DerivationPath.ethereum(-5));
    }
}
