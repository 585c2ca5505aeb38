package io.ethbus.wallet;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A BIP-32 path from the master key, such as {@code m/44'/60'/0'/0/3}: each element a child
 * index, hardened ones carrying bit 31 ({@code '}, {@code h} or {@code H} in text).
 *
 * @param indices child numbers from the master down, hardened ones with bit 31 set
 */
public record DerivationPath(List<Integer> indices) {
    /** The bit that marks a hardened child index. */
    public static final int HARDENED = 0x8000_0000;
    private static final long HARDENED_LIMIT = 1L << 31;
    /** The master key itself: {@code m}. */
    public static final DerivationPath MASTER = new DerivationPath(List.of());

    /** @throws InvalidDerivationPathException when {@code indices} is or holds null */
    public DerivationPath {
        if (indices == null || indices.stream().anyMatch(Objects::isNull)) {
            throw new InvalidDerivationPathException("a derivation path's indices are a list of child numbers, got " + indices);
        }
        indices = List.copyOf(indices);
    }

    /** BIP-44's Ethereum path for account {@code index}: {@code m/44'/60'/0'/0/index}. */
    public static DerivationPath ethereum(int index) {
        return parse("m/44'/60'/0'/0").child(index);
    }

    /**
     * Reads {@code m/44'/60'/0'/0/3}: "m", then indices below 2^31, each hardened by a trailing
     * {@code '}, {@code h} or {@code H}.
     *
     * @throws InvalidDerivationPathException naming the bad element
     */
    public static DerivationPath parse(String path) {
        if (path == null) {
            throw new InvalidDerivationPathException("the derivation path is null");
        }
        String[] parts = path.strip().split("/", -1);
        if (!parts[0].equals("m")) {
            throw new InvalidDerivationPathException("a derivation path starts with \"m\": " + path);
        }
        List<Integer> indices = new ArrayList<>(parts.length - 1);
        for (int i = 1; i < parts.length; i++) {
            indices.add(parseIndex(path, parts[i]));
        }
        return new DerivationPath(indices);
    }

    /** This path with one more normal (non-hardened) child, {@code index} in 0..2^31-1. */
    public DerivationPath child(int index) {
        return append(checkIndex(index), 0);
    }

    /** This path with one more hardened child, {@code index} in 0..2^31-1. */
    public DerivationPath hardenedChild(int index) {
        return append(checkIndex(index), HARDENED);
    }

    /** Whether a child number is hardened. */
    public static boolean isHardened(int childNumber) {
        return (childNumber & HARDENED) != 0;
    }

    /** The path in BIP-32 notation, hardened elements marked with {@code '}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("m");
        for (int index : indices) {
            sb.append('/').append(index & ~HARDENED);
            if (isHardened(index)) {
                sb.append('\'');
            }
        }
        return sb.toString();
    }

    private DerivationPath append(int index, int hardenedBit) {
        List<Integer> longer = new ArrayList<>(indices);
        longer.add(index | hardenedBit);
        return new DerivationPath(longer);
    }

    private static int checkIndex(int index) {
        if (index < 0) {
            throw new InvalidDerivationPathException("a child index is in 0..2147483647, got " + index);
        }
        return index;
    }

    private static int parseIndex(String path, String part) {
        boolean hardened = part.endsWith("'") || part.endsWith("h") || part.endsWith("H");
        String digits = hardened ? part.substring(0, part.length() - 1) : part;
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidDerivationPathException("\"" + part + "\" is not a child index in " + path);
        }
        long value = Long.parseLong(digits);
        if (value >= HARDENED_LIMIT) {
            throw new InvalidDerivationPathException("child index " + digits + " in " + path + " is not below 2^31");
        }
        return (int) value | (hardened ? HARDENED : 0);
    }
}
