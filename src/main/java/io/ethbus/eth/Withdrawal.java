package io.ethbus.eth;

import io.ethbus.primitives.Address;
import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;

/** A validator withdrawal included in a block (EIP-4895); {@code amount} is in gwei, not wei. */
public record Withdrawal(long index, long validatorIndex, Address address, BigInteger amount) {

    /** Decodes an element of a block's {@code withdrawals}. */
    public static Withdrawal fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "withdrawal");
        return new Withdrawal(
                f.longQuantity("index"),
                f.longQuantity("validatorIndex"),
                f.address("address"),
                f.quantity("amount"));
    }
}
