package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Address;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What geth's {@code prestateTracer} answers for one transaction: every account it touched,
 * with its state before the transaction (or, as the {@code post} of a {@link PrestateDiff},
 * the state it changed to).
 */
public record PrestateTrace(Map<Address, PrestateAccount> accounts) {
    public PrestateTrace {
        accounts = Map.copyOf(accounts);
    }

    /** Decodes an object of address to account state. */
    public static PrestateTrace fromJson(JsonNode node) {
        JsonFields.of(node, "prestate"); // an object, or the error that says it is not
        Map<Address, PrestateAccount> accounts = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> accounts.put(
                Address.ofAnyCase(e.getKey()),
                PrestateAccount.fromJson(e.getValue())));
        return new PrestateTrace(accounts);
    }

    /** The state of {@code address}, or null when the transaction did not touch it. */
    public PrestateAccount account(Address address) {
        return accounts.get(address);
    }
}
