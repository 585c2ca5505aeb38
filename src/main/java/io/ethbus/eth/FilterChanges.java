package io.ethbus.eth;

import io.ethbus.primitives.Hash;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What eth_getFilterChanges returned: block (or pending transaction) hashes for a block
 * filter, logs for a log filter. The other list is empty.
 */
public record FilterChanges(List<Hash> hashes, List<Log> logs) {
    public FilterChanges {
        hashes = List.copyOf(hashes);
        logs = List.copyOf(logs);
    }

    static FilterChanges fromJson(JsonNode node) {
        List<Hash> hashes = new ArrayList<>();
        List<Log> logs = new ArrayList<>();
        for (JsonNode item : ResultDecoders.list(n -> n).apply(node)) {
            if (item.isTextual()) {
                hashes.add(Hash.of(item.asText()));
            } else {
                logs.add(Log.fromJson(item));
            }
        }
        return new FilterChanges(hashes, logs);
    }
}
