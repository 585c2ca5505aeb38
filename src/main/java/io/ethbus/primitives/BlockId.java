package io.ethbus.primitives;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.Excerpt;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Names a block in a call: by number, by hash (EIP-1898) or by tag. Example:
 * {@code eth.getBalance(address, BlockId.number(17_000_000))}.
 */
// No default methods here on purpose: a default method would make initialising Tag
// initialise this interface first, and LATEST & co. would then read Tag's constants while
// they are still null.
public sealed interface BlockId permits BlockId.Number, BlockId.ByHash, BlockId.Tag {
    BlockId LATEST = Tag.LATEST;
    BlockId EARLIEST = Tag.EARLIEST;
    BlockId PENDING = Tag.PENDING;
    BlockId SAFE = Tag.SAFE;
    BlockId FINALIZED = Tag.FINALIZED;

    /** The block parameter as sent on the wire: a quantity, a tag or an EIP-1898 object. */
    JsonNode toParam();

    /**
     * The block parameter for methods that take only a number or a tag, such as
     * eth_getBlockByNumber; throws IllegalArgumentException for a block hash.
     */
    String toBlockParam();

    static BlockId number(long number) {
        return new Number(BigInteger.valueOf(number));
    }

    static BlockId number(BigInteger number) {
        return new Number(number);
    }

    /** The block with this hash, canonical or not. */
    static BlockId hash(Hash hash) {
        return new ByHash(hash, false);
    }

    /**
     * Parses a tag (any case), a 0x quantity, a 0x block hash (64 digits) or decimal digits.
     * Example: {@code BlockId.parse("finalized")}, {@code BlockId.parse("0x10d4f")}.
     */
    static BlockId parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidHexException("invalid block id " + (text == null ? "null" : "''")
                    + ": expected a tag, a 0x quantity, a 0x block hash or decimal digits");
        }
        for (Tag tag : Tag.values()) {
            if (tag.wireName().equalsIgnoreCase(text)) {
                return tag;
            }
        }
        if (text.startsWith("0x")) {
            return text.length() == 2 + 2 * Hash.LENGTH ? hash(Hash.of(text)) : number(Hex.toBigInteger(text));
        }
        if (text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return number(new BigInteger(text));
        }
        throw new InvalidHexException("invalid block id '" + Excerpt.of(text)
                + "': expected latest, earliest, pending, safe, finalized, a 0x quantity, a 0x block hash or decimal digits");
    }

    /** A block by its number. */
    record Number(BigInteger value) implements BlockId {
        public Number {
            if (value.signum() < 0) {
                throw new InvalidHexException("a block number cannot be negative: " + value);
            }
        }

        @Override
        public JsonNode toParam() {
            return JsonNodeFactory.instance.textNode(toBlockParam());
        }

        @Override
        public String toBlockParam() {
            return Hex.quantity(value);
        }

        @Override
        public String toString() {
            return value.toString();
        }
    }

    /** A block by its hash; with requireCanonical the node fails if the block is not on its chain. */
    record ByHash(Hash hash, boolean requireCanonical) implements BlockId {
        public ByHash {
            if (hash == null) {
                throw new NullPointerException("hash");
            }
        }

        /** The same block, requiring the node to have it on its canonical chain. */
        public ByHash canonical() {
            return new ByHash(hash, true);
        }

        @Override
        public JsonNode toParam() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("blockHash", hash.toHex());
            if (requireCanonical) {
                node.put("requireCanonical", true);
            }
            return node;
        }

        @Override
        public String toBlockParam() {
            throw new IllegalArgumentException("this method takes a block number or tag, not a block hash (" + hash + ")");
        }

        @Override
        public String toString() {
            return hash + (requireCanonical ? " (canonical)" : "");
        }
    }

    /** A block named by the node's view of the chain; the wire names are lowercase. */
    enum Tag implements BlockId {
        LATEST, EARLIEST, PENDING, SAFE, FINALIZED;

        /** The lowercase name the node expects. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public JsonNode toParam() {
            return JsonNodeFactory.instance.textNode(wireName());
        }

        @Override
        public String toBlockParam() {
            return wireName();
        }

        @Override
        public String toString() {
            return wireName();
        }
    }
}
