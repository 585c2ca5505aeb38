package io.ethbus.ens;

import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Keccak;

import java.nio.charset.StandardCharsets;

/**
 * ENS namehash (EIP-137) of a name's ENSIP-15 normalised form ({@link EnsName#normalize}):
 * {@code namehash("") = 0x00..00}, {@code namehash(label + "." + rest) =
 * keccak256(namehash(rest) ++ keccak256(label))}. A name ENSIP-15 rejects is an
 * {@link InvalidEnsNameException}, never a hash.
 *
 * <pre>NameHash.of("vitalik.eth")</pre>
 */
public final class NameHash {
    private NameHash() {
    }

    /** The namehash of {@code name} once normalised; see {@link EnsName} for the first call's cost. */
    public static Hash of(String name) {
        String normalised = EnsName.normalize(name);
        byte[] node = new byte[32];
        if (normalised.isEmpty()) {
            return new Hash(node);
        }
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
}
