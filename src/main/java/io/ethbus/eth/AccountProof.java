package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.List;

/**
 * The answer to eth_getProof (EIP-1186): an account's state at one block with the Merkle
 * proof of it (RLP-encoded trie nodes from the state root down), and the proof of each
 * storage slot asked for.
 */
public record AccountProof(
        Address address,
        List<Bytes> accountProof,
        BigInteger balance,
        Hash codeHash,
        BigInteger nonce,
        Hash storageHash,
        List<StorageProof> storageProof) {

    public AccountProof {
        accountProof = List.copyOf(accountProof);
        storageProof = List.copyOf(storageProof);
    }

    /** Decodes the eth_getProof result object. */
    public static AccountProof fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "accountProof");
        return new AccountProof(
                f.address("address"),
                f.list("accountProof", Bytes::of),
                f.quantity("balance"),
                f.hash("codeHash"),
                f.quantity("nonce"),
                f.hash("storageHash"),
                f.objects("storageProof", StorageProof::fromJson));
    }
}
