package io.ethbus.eth;

import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.List;

/**
 * The proof of one storage slot in an {@link AccountProof}: the slot's key, its value, and the
 * RLP-encoded trie nodes from the account's storage root down to it.
 */
public record StorageProof(Hash key, BigInteger value, List<Bytes> proof) {
    public StorageProof {
        proof = List.copyOf(proof);
    }

    /** Decodes an element of eth_getProof's {@code storageProof}. */
    public static StorageProof fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "storageProof");
        return new StorageProof(f.hash("key"), f.quantity("value"), f.list("proof", Bytes::of));
    }
}
