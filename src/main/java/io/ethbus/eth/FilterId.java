package io.ethbus.eth;

import io.ethbus.primitives.InvalidHexException;

/**
 * The id a node gives a filter. Kept as the node wrote it (not as a number): some nodes
 * pad ids with zeros and only recognise them spelled the same way.
 */
public record FilterId(String value) {
    public FilterId {
        if (value == null || value.isBlank()) {
            throw new InvalidHexException("filter id must not be empty");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
