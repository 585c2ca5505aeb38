package io.ethbus.ens;

import io.github.adraffy.ens.ENSNormalize;
import io.github.adraffy.ens.InvalidLabelException;

import java.util.function.UnaryOperator;

/**
 * ENS names as ENSIP-15 defines them, through its reference implementation for Java (which
 * callers never see). {@link #normalize} gives the form that is hashed and compared:
 * case-folded, mapped (full-width letters, ligatures, ...), NFC, emoji without their
 * presentation selectors; {@link #beautify} the form to show (emoji with FE0F, a Greek
 * {@code Ξ} as such). A name ENSIP-15 rejects is an {@link InvalidEnsNameException} that names
 * the label and the standard's reason: a disallowed character (with its code point), an
 * underscore after the start, {@code --} at positions 3-4, a leading combining mark, a mix of
 * scripts, a whole-script confusable, an empty label, ...
 *
 * <p>The first call loads the standard's tables, which takes up to seconds on a cold JVM: call
 * these off the event loop ({@link EnsResolver} does).
 *
 * <pre>EnsName.normalize("Vitalik.ETH") // "vitalik.eth"</pre>
 */
public final class EnsName {
    private EnsName() {
    }

    /** {@code name} in ENSIP-15 normalised form; the empty name stays empty. */
    public static String normalize(String name) {
        return apply(name, ENSNormalize.ENSIP15::normalize);
    }

    /** {@code name} normalised as {@link #normalize} does, in the form meant for display. */
    public static String beautify(String name) {
        return apply(name, ENSNormalize.ENSIP15::beautify);
    }

    /**
     * True when {@code value}, found where an address may stand, is to be read as a name: it
     * has a '.', which neither a hex address nor a block tag ever has. Whether it is a valid
     * name is for {@link #normalize} to say, so that a bad name fails as one rather than as a
     * bad address.
     */
    public static boolean looksLikeName(String value) {
        return value != null && value.indexOf('.') >= 0;
    }

    private static String apply(String name, UnaryOperator<String> form) {
        if (name == null) {
            throw new InvalidEnsNameException("null", "no name");
        }
        try {
            return form.apply(name);
        } catch (InvalidLabelException e) {
            // The library ends each quoted character with U+200E (a display-only bidi reset): not in a log line.
            String why = e.getError().getMessage().replace("\u200E", "");
            throw new InvalidEnsNameException(name, "label '" + name.substring(e.pos, e.end) + "': " + why);
        }
    }
}
