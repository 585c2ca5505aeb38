package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hash;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One entry of an EIP-2930 access list: an address and the storage slots the transaction will touch. */
public record AccessListItem(Address address, List<Hash> storageKeys) {
    public AccessListItem {
        storageKeys = storageKeys == null ? List.of() : List.copyOf(storageKeys);
    }

    /** Decodes {@code {"address":"0x..","storageKeys":["0x.."]}}. */
    public static AccessListItem fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "accessListItem");
        return new AccessListItem(f.address("address"), f.list("storageKeys", Hash::of));
    }
}
