package io.ethbus.testsupport;

import java.util.Map;

/**
 * The compiled contracts of {@code src/test/resources/solidity}, by contract name.
 *
 * @param byName every contract, by name
 */
public record TestContracts(Map<String, CompiledContract> byName) {
    public TestContracts {
        byName = Map.copyOf(byName);
    }

    /** The contract {@code name}; fails naming the ones there are when it is not among them. */
    public CompiledContract get(String name) {
        CompiledContract contract = byName.get(name);
        if (contract == null) {
            throw new IllegalArgumentException("no contract " + name + " among " + byName.keySet());
        }
        return contract;
    }
}
