package io.ethbus.ens;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ENSIP-15 cases written out from the standard's text, with the reasons ethbus gives; the
 * standard's whole validation set runs in {@link EnsNameValidationVectorsTest}. Escapes keep the
 * characters that matter visible.
 */
class EnsNameTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "vitalik.eth", "123.eth", "_underscore.eth", "__.eth", "a-b-c.eth", "xn-a.eth",
            "\uD83D\uDE80.eth",                      // rocket emoji
            "raffy\uD83D\uDEB4\u200D\u2642.eth",     // emoji ZWJ sequence (its FE0F dropped)
            "i\u2665nyc.eth",                        // heart as text
            "\u03B1\u03BB\u03C6\u03B1.eth",          // Greek
            "\u4E00\u4E8C\u4E09.eth",                // CJK
            "\u043F\u0440\u0438\u0432\u0435\u0442.eth", // Cyrillic
            "$.eth", "$$$.eth", "a\u2019b.eth", "\u00DF.eth", "\u03C2.eth",
            "\u0645\u0631\u062D\u0628\u0627.eth",    // Arabic
            "eth", ""})
    void validNormalisedNamesAreKeptAsGiven(String name) {
        assertEquals(name, EnsName.normalize(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Vitalik.ETH|vitalik.eth",
            "BRANTLYMILLEGAN.COM|brantlymillegan.com",
            "\uFF52\uFF41\uFF46\uFF46\uFF59.eth|raffy.eth",               // full-width letters
            "\uD83D\uDE80\uFE0F.eth|\uD83D\uDE80.eth",                    // emoji presentation selector
            "RaFFY\uD83D\uDEB4\u200D\u2642\uFE0F.eTh|raffy\uD83D\uDEB4\u200D\u2642.eth",
            "\u0391\u039B\u03A6\u0391.eth|\u03B1\u03BB\u03C6\u03B1.eth",  // Greek capitals
            "a'b.eth|a\u2019b.eth",                                       // the apostrophe is written as U+2019
            "\uFB01.eth|fi.eth",                                          // ligature
            "\u2167.eth|viii.eth",                                        // roman numeral eight
            "o\u0308bb.eth|\u00F6bb.eth",                                 // NFC composes
            "\u041C\u043E\u0441\u043A\u0432\u0430.eth|\u043C\u043E\u0441\u043A\u0432\u0430.eth", // Cyrillic capital
            "a\u00ADb.eth|ab.eth"})                                       // soft hyphen is ignored
    void namesAreMappedToTheirNormalForm(String name, String normalised) {
        assertEquals(normalised, EnsName.normalize(name));
        assertEquals(normalised, EnsName.normalize(normalised), "normalisation is idempotent");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "a_b.eth|underscore allowed only at start",
            "ab--cd.eth|invalid label extension",
            "xn--ab.eth|invalid label extension",
            "\u0301a.eth|leading combining mark",
            "\uD83D\uDE80\u0301.eth|emoji + combining mark",
            "a..eth|empty label",
            ".|empty label",
            "eth.|empty label",
            "a!b.eth|disallowed character: \"!\" {21}",
            "a\u200Db.eth|disallowed character: {200D}",                  // ZWJ outside an emoji
            "a b.eth|disallowed character",
            "a\uFF0Eb|disallowed character",                              // full-width stop is no separator
            "\u0440\u0430\u0443\u0440\u0430l.eth|illegal mixture: Cyrillic + Latin",
            "a\u03B2.eth|illegal mixture: Latin + Greek",
            "\u043E\u043E.eth|whole-script confusable",                   // Cyrillic 'oo'
            "\u0391\u0392\u0393.eth|whole-script confusable",
            "'ab.eth|leading fenced",
            "ab'.eth|trailing fenced",
            "a''b.eth|adjacent fenced",
            "a\u2019'b.eth|adjacent fenced"})
    void rejectedNamesSayWhy(String name, String reason) {
        InvalidEnsNameException e = assertThrows(InvalidEnsNameException.class, () -> EnsName.normalize(name));
        assertTrue(e.getMessage().contains(name), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("\u200E"), "no display-only bidi marks in the message");
        assertThrows(InvalidEnsNameException.class, () -> NameHash.of(name), "never a silent hash");
    }

    @Test
    void theRejectedLabelIsNamed() {
        InvalidEnsNameException e = assertThrows(InvalidEnsNameException.class, () -> EnsName.normalize("ok.a_b.eth"));
        assertTrue(e.getMessage().contains("label 'a_b'"), e.getMessage());
        assertThrows(InvalidEnsNameException.class, () -> EnsName.normalize(null));
    }

    @Test
    void beautifiedNamesAreForDisplayAndNormaliseBack() {
        assertEquals("\u039E.eth", EnsName.beautify("\u03BE.eth"), "a lone Greek xi is shown as a capital");
        assertEquals("\uD83D\uDE80\uFE0F.eth", EnsName.beautify("\uD83D\uDE80.eth"), "emoji get their presentation selector");
        assertEquals("vitalik.eth", EnsName.beautify("Vitalik.eth"));
        assertEquals("\u03BE.eth", EnsName.normalize(EnsName.beautify("\u03BE.eth")));
        assertThrows(InvalidEnsNameException.class, () -> EnsName.beautify("a_b.eth"));
    }

    @Test
    void theNormalisingLibraryStaysBehindEthbusTypes() {
        for (Class<?> type : List.of(EnsName.class, NameHash.class, EnsResolver.class, InvalidEnsNameException.class)) {
            for (Method m : type.getMethods()) {
                List<Class<?>> seen = new ArrayList<>(List.of(m.getParameterTypes()));
                seen.add(m.getReturnType());
                seen.addAll(List.of(m.getExceptionTypes()));
                seen.forEach(t -> assertFalse(t.getName().startsWith("io.github.adraffy"), type.getSimpleName() + "." + m.getName()));
            }
        }
        InvalidEnsNameException e = assertThrows(InvalidEnsNameException.class, () -> EnsName.normalize("a_b"));
        assertNull(e.getCause(), "no library exception to reach through getCause()");
    }

    @Test
    void namesAreToldApartFromAddresses() {
        assertTrue(EnsName.looksLikeName("alice.eth"));
        assertTrue(EnsName.looksLikeName("\uD83D\uDE80.eth"), "non-ASCII names are names");
        assertTrue(EnsName.looksLikeName("0xabc.eth"), "a name may start with 0x");
        assertTrue(EnsName.looksLikeName("a_b.eth"), "a bad name is still a name, to be refused as one");
        assertFalse(EnsName.looksLikeName("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
        assertFalse(EnsName.looksLikeName("latest"));
        assertFalse(EnsName.looksLikeName(null));
    }
}
