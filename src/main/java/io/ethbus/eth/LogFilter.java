package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A log filter (eth_getLogs, eth_newFilter): a block range or one block hash, contract
 * addresses, and topics by position where each position matches any of its hashes and an
 * empty position matches anything.
 *
 * <pre>LogFilter.builder().fromBlock(BlockId.number(100)).toBlock(BlockId.LATEST).address(token).topic(0, transferTopic).build()</pre>
 */
public record LogFilter(BlockId fromBlock, BlockId toBlock, Hash blockHash, List<Address> addresses,
                        List<List<Hash>> topics) {
    public LogFilter {
        if (blockHash != null && (fromBlock != null || toBlock != null)) {
            throw new IllegalArgumentException("a log filter takes either blockHash or fromBlock/toBlock, not both");
        }
        addresses = List.copyOf(addresses);
        topics = topics.stream().map(List::copyOf).toList();
    }

    /**
     * Reads a filter object as JSON-RPC spells it: {@code address} (one or a list),
     * {@code topics} (each position null, one hash or a list), {@code fromBlock}/{@code toBlock}
     * or {@code blockHash}. Bad addresses, hashes or block ids are typed errors.
     */
    public static LogFilter fromJson(JsonNode json) {
        Builder b = builder();
        JsonNode address = json.path("address");
        if (address.isTextual()) {
            b.address(Address.of(address.asText()));
        } else if (address.isArray()) {
            address.forEach(a -> b.address(Address.of(a.asText())));
        }
        JsonNode topics = json.path("topics");
        for (int i = 0; i < topics.size(); i++) {
            JsonNode position = topics.get(i);
            if (position.isTextual()) {
                b.topic(i, Hash.of(position.asText()));
            } else if (position.isArray()) {
                List<Hash> anyOf = new ArrayList<>();
                position.forEach(h -> anyOf.add(Hash.of(h.asText())));
                b.topic(i, anyOf.toArray(new Hash[0]));
            } else {
                b.topic(i);
            }
        }
        if (json.hasNonNull("fromBlock")) {
            b.fromBlock(BlockId.parse(json.get("fromBlock").asText()));
        }
        if (json.hasNonNull("toBlock")) {
            b.toBlock(BlockId.parse(json.get("toBlock").asText()));
        }
        if (json.hasNonNull("blockHash")) {
            b.blockHash(Hash.of(json.get("blockHash").asText()));
        }
        return b.build();
    }

    /** The same addresses and topics, for the one block {@code hash} (no range). */
    public LogFilter atBlock(Hash hash) {
        return new LogFilter(null, null, hash, addresses, topics);
    }

    public static Builder builder() {
        return new Builder();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (fromBlock != null) {
            o.put("fromBlock", fromBlock.toBlockParam());
        }
        if (toBlock != null) {
            o.put("toBlock", toBlock.toBlockParam());
        }
        if (blockHash != null) {
            o.put("blockHash", blockHash.toHex());
        }
        if (addresses.size() == 1) {
            o.put("address", addresses.get(0).toChecksumHex());
        } else if (!addresses.isEmpty()) {
            ArrayNode a = o.putArray("address");
            addresses.forEach(x -> a.add(x.toChecksumHex()));
        }
        if (!topics.isEmpty()) {
            ArrayNode t = o.putArray("topics");
            for (List<Hash> position : topics) {
                if (position.isEmpty()) {
                    t.addNull();
                } else if (position.size() == 1) {
                    t.add(position.get(0).toHex());
                } else {
                    ArrayNode any = t.addArray();
                    position.forEach(h -> any.add(h.toHex()));
                }
            }
        }
        return o;
    }

    /** Builder for {@link LogFilter}. */
    public static final class Builder {
        private BlockId fromBlock;
        private BlockId toBlock;
        private Hash blockHash;
        private final List<Address> addresses = new ArrayList<>();
        private final List<List<Hash>> topics = new ArrayList<>();

        private Builder() {
        }

        public Builder fromBlock(BlockId v) { fromBlock = v; return this; }
        public Builder toBlock(BlockId v) { toBlock = v; return this; }
        public Builder blockHash(Hash v) { blockHash = v; return this; }

        public Builder address(Address... v) {
            addresses.addAll(Arrays.asList(v));
            return this;
        }

        /** Topic position {@code index} matches any of {@code anyOf}; earlier unset positions match anything. */
        public Builder topic(int index, Hash... anyOf) {
            while (topics.size() <= index) {
                topics.add(Collections.emptyList());
            }
            topics.set(index, List.of(anyOf));
            return this;
        }

        public LogFilter build() {
            return new LogFilter(fromBlock, toBlock, blockHash, addresses, topics);
        }
    }
}
