package io.ethbus.eth;

import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.MalformedResponseException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Readers for the result of a call, as used by {@link EthCalls}. */
final class ResultDecoders {
    private ResultDecoders() {
    }

    static String text(JsonNode node) {
        if (!node.isTextual()) {
            throw new MalformedResponseException(null, null, "expected a string, got " + node.getNodeType());
        }
        return node.asText();
    }

    static BigInteger quantity(JsonNode node) {
        return Hex.toBigInteger(text(node));
    }

    static long longQuantity(JsonNode node) {
        return Hex.toLong(text(node));
    }

    static boolean bool(JsonNode node) {
        if (!node.isBoolean()) {
            throw new MalformedResponseException(null, null, "expected true or false, got " + node.getNodeType());
        }
        return node.booleanValue();
    }

    static Hash hash(JsonNode node) {
        return Hash.of(text(node));
    }

    static Bytes bytes(JsonNode node) {
        return Bytes.of(text(node));
    }

    /** Null in the answer (an unknown block, transaction, receipt) becomes an empty Optional. */
    static <T> Function<JsonNode, Optional<T>> optional(Function<JsonNode, T> decoder) {
        return node -> node == null || node.isNull() ? Optional.empty() : Optional.of(decoder.apply(node));
    }

    static <T> Function<JsonNode, List<T>> list(Function<JsonNode, T> decoder) {
        return node -> {
            if (!node.isArray()) {
                throw new MalformedResponseException(null, null, "expected an array, got " + node.getNodeType());
            }
            List<T> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(decoder.apply(item)));
            return List.copyOf(items);
        };
    }
}
