package io.ethbus.ens;

import io.ethbus.primitives.Keccak;
import io.ethbus.primitives.Hash;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * ENS namehash (EIP-137): {@code namehash("") = 0x00..00}, {@code namehash(label + "." + rest) =
 * keccak256(namehash(rest) ++ keccak256(label))}. Names are lowercased; labels must be
 * non-empty and made of letters, digits, '-' and '_' (full UTS-46 normalisation, with its
 * emoji and other scripts, is not done: such names are rejected rather than hashed wrongly).
 *
 * <pre>NameHash.of("vitalik.eth")</pre>
 */
public final class NameHash {
    private NameHash() {
    }

    public static Hash of(String name) {
        if (name == null) {
            throw new InvalidEnsNameException("null", "no name");
        }
        byte[] node = new byte[32];
        if (name.isEmpty()) {
            return new Hash(node);
        }
        String normalised = normalise(name);
        String[] labels = normalised.split("\\.", -1);
        for (int i = labels.length - 1; i >= 0; i--) {
            byte[] label = Keccak.keccak256(labels[i].getBytes(StandardCharsets.UTF_8));
            byte[] both = new byte[64];
            System.arraycopy(node, 0, both, 0, 32);
            System.arraycopy(label, 0, both, 32, 32);
            node = Keccak.keccak256(both);
        }
        return new Hash(node);
    }

    /** The name as ENS hashes it: lowercased, each label checked. */
    public static String normalise(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String label : lower.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new InvalidEnsNameException(name, "empty label");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok) {
                    throw new InvalidEnsNameException(name, "unsupported character '" + c + "' in label '" + label + "'");
                }
            }
        }
        return lower;
    }

    /** True when {@code value} looks like an ENS name (has a dot and is not 0x hex). */
    public static boolean looksLikeName(String value) {
        return value != null && value.contains(".") && !value.startsWith("0x");
    }
}
