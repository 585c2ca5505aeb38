package io.ethbus.eth;

import io.ethbus.primitives.Address;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;

/**
 * One signed EIP-7702 authorization of a type-4 transaction: the account lets its code be
 * set to that of {@code address}.
 */
public record Authorization(BigInteger chainId, Address address, BigInteger nonce, Integer yParity, BigInteger r, BigInteger s) {

    /** Decodes an element of a transaction's {@code authorizationList}. */
    public static Authorization fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "authorization");
        return new Authorization(
                f.quantity("chainId"),
                f.address("address"),
                f.quantity("nonce"),
                f.intQuantity("yParity"),
                f.quantity("r"),
                f.quantity("s"));
    }
}
