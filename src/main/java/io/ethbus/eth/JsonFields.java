package io.ethbus.eth;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.InvalidAddressException;
import io.ethbus.primitives.InvalidHexException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.rpc.Excerpt;
import io.ethbus.rpc.MalformedResponseException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the fields of one JSON object sent by a node, for the {@code fromJson} methods.
 * A missing or mistyped required field becomes a {@link MalformedResponseException}; bad
 * hex inside a field becomes an {@link InvalidHexException} (or
 * {@link InvalidAddressException}) whose message starts with the field's path, such as
 * {@code transaction.gas}. An absent field and a JSON null are treated alike. The object is
 * either a tree or the member slots {@link RecordMembers} took off a cursor; both give the
 * same values and the same errors.
 */
final class JsonFields {
    /** The object as a tree; null when read off a cursor into {@link #values}. */
    private final JsonNode node;
    private final RecordMembers members;
    /** Per member of {@link #members}: absent (null), {@link RecordMembers#NULL}, a String or a tree. */
    private final Object[] values;
    private final String type;

    private JsonFields(JsonNode node, RecordMembers members, Object[] values, String type) {
        this.node = node;
        this.members = members;
        this.values = values;
        this.type = type;
    }

    /** Starts reading {@code node}, which must be a JSON object; {@code type} names it in errors. */
    static JsonFields of(JsonNode node, String type) {
        if (node == null || !node.isObject()) {
            throw malformed("expected a " + type + " object, got " + describe(node));
        }
        return new JsonFields(node, null, null, type);
    }

    /** Fields read off a cursor by {@link RecordMembers#read}. */
    static JsonFields of(RecordMembers members, Object[] values) {
        return new JsonFields(null, members, values, members.type());
    }

    /** The raw value, or null when absent or JSON null. */
    JsonNode optional(String name) {
        return tree(value(name));
    }

    /** The value, a String for a JSON string read off a cursor, else a tree; null when absent or JSON null. */
    private Object value(String name) {
        if (node == null) {
            Object v = values[members.slot(name)];
            return v == RecordMembers.NULL ? null : v;
        }
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private Object required(String name) {
        Object v = value(name);
        if (v == null) {
            boolean present = node == null ? values[members.slot(name)] != null : node.has(name);
            throw malformed(type + " has no '" + name + "'" + (present ? " (null)" : ""));
        }
        return v;
    }

    boolean has(String name) {
        return value(name) != null;
    }

    BigInteger quantity(String name) {
        return parseMember(required(name), name, Hex::toBigInteger);
    }

    BigInteger optQuantity(String name) {
        return parseOptional(name, Hex::toBigInteger);
    }

    long longQuantity(String name) {
        return parseMember(required(name), name, Hex::toLong);
    }

    Long optLong(String name) {
        return parseOptional(name, Hex::toLong);
    }

    /**
     * A quantity that some nodes send as a plain JSON number instead of hex (anvil's
     * receipt blockTimestamp); either spelling is accepted.
     */
    Long optLongQuantityOrNumber(String name) {
        if (value(name) instanceof JsonNode v && v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) {
            return v.longValue();
        }
        return optLong(name);
    }

    /** As {@link #optLongQuantityOrNumber}, for a quantity that may pass 2^63 (a nonce). */
    BigInteger optQuantityOrNumber(String name) {
        if (value(name) instanceof JsonNode v && v.isIntegralNumber() && v.bigIntegerValue().signum() >= 0) {
            return v.bigIntegerValue();
        }
        return optQuantity(name);
    }

    int intQuantity(String name) {
        return parseMember(required(name), name, JsonFields::toInt);
    }

    Integer optInt(String name) {
        return parseOptional(name, JsonFields::toInt);
    }

    Hash hash(String name) {
        return parseMember(required(name), name, Hash::of);
    }

    Hash optHash(String name) {
        return parseOptional(name, Hash::of);
    }

    // answers: the case of an address is not checked (see Address.ofAnyCase)
    Address address(String name) {
        return parseMember(required(name), name, Address::ofAnyCase);
    }

    Address optAddress(String name) {
        return parseOptional(name, Address::ofAnyCase);
    }

    Bytes bytes(String name) {
        return parseMember(required(name), name, Bytes::of);
    }

    Bytes optBytes(String name) {
        return parseOptional(name, Bytes::of);
    }

    /** A JSON string as it is (not hex: a name, a message), or null when absent or null. */
    String optText(String name) {
        JsonNode v = optional(name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw malformed(path(name) + " must be a string, got " + describe(v));
        }
        return v.textValue();
    }

    /** A JSON boolean, or {@code absent} when the field is missing. */
    boolean bool(String name, boolean absent) {
        JsonNode v = optional(name);
        if (v == null) {
            return absent;
        }
        if (!v.isBoolean()) {
            throw malformed(path(name) + " must be a boolean, got " + describe(v));
        }
        return v.booleanValue();
    }

    /** A required array of hex strings, each decoded by {@code parser}. */
    <T> List<T> list(String name, Function<String, T> parser) {
        return array(tree(required(name)), path(name), (e, p) -> parse(e, p, parser));
    }

    /** An optional array of hex strings; empty when absent. */
    <T> List<T> optList(String name, Function<String, T> parser) {
        JsonNode v = optional(name);
        return v == null ? List.of() : array(v, path(name), (e, p) -> parse(e, p, parser));
    }

    /** A required array of objects, each decoded by {@code fromJson}. */
    <T> List<T> objects(String name, Function<JsonNode, T> fromJson) {
        return array(tree(required(name)), path(name), (e, p) -> fromJson.apply(e));
    }

    /** An optional array of objects; empty when absent. */
    <T> List<T> optObjects(String name, Function<JsonNode, T> fromJson) {
        JsonNode v = optional(name);
        return v == null ? List.of() : array(v, path(name), (e, p) -> fromJson.apply(e));
    }

    /** An array of JSON numbers, such as gas-used ratios; empty when absent and not required. */
    List<Double> doubles(String name, boolean required) {
        JsonNode v = required ? tree(required(name)) : optional(name);
        return v == null ? List.of() : array(v, path(name), JsonFields::toDouble);
    }

    String path(String name) {
        return type + "." + name;
    }

    /** Reads every element of a JSON array; {@code path} names the array in errors. */
    static <T> List<T> array(JsonNode array, String path, ElementReader<T> reader) {
        if (!array.isArray()) {
            throw malformed(path + " must be an array, got " + describe(array));
        }
        List<T> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode e = array.get(i);
            String elementPath = path + "[" + i + "]";
            if (e == null || e.isNull()) {
                throw malformed(elementPath + " is null");
            }
            out.add(reader.read(e, elementPath));
        }
        return List.copyOf(out);
    }

    /** Decodes a JSON string with {@code parser}, prefixing hex errors with the field's path. */
    static <T> T parse(JsonNode value, String path, Function<String, T> parser) {
        return parse((Object) value, path, parser);
    }

    /** As {@link #parse(JsonNode, String, Function)}, for a value that may be a String already. */
    private static <T> T parse(Object value, String path, Function<String, T> parser) {
        String text;
        if (value instanceof String string) {
            text = string;
        } else if (((JsonNode) value).isTextual()) {
            text = ((JsonNode) value).textValue();
        } else {
            throw malformed(path + " must be a hex string, got " + describe((JsonNode) value));
        }
        try {
            return parser.apply(text);
        } catch (InvalidAddressException e) {
            throw new InvalidAddressException(path + ": " + e.getMessage());
        } catch (InvalidHexException e) {
            throw new InvalidHexException(path + ": " + e.getMessage());
        }
    }

    /** Reads one array element; {@code path} names it, e.g. {@code block.uncles[2]}. */
    @FunctionalInterface
    interface ElementReader<T> {
        T read(JsonNode element, String path);
    }

    private <T> T parseOptional(String name, Function<String, T> parser) {
        Object v = value(name);
        return v == null ? null : parseMember(v, name, parser);
    }

    /**
     * As {@link #parse(Object, String, Function)} for member {@code name}; its path is only
     * spelt out for an error, not built for every field read.
     */
    private <T> T parseMember(Object value, String name, Function<String, T> parser) {
        if (!(value instanceof String text)) {
            return parse(value, path(name), parser);
        }
        try {
            return parser.apply(text);
        } catch (InvalidAddressException e) {
            throw new InvalidAddressException(path(name) + ": " + e.getMessage());
        } catch (InvalidHexException e) {
            throw new InvalidHexException(path(name) + ": " + e.getMessage());
        }
    }

    private static int toInt(String quantity) {
        long v = Hex.toLong(quantity);
        if (v > Integer.MAX_VALUE) {
            throw new InvalidHexException("quantity '" + Excerpt.of(quantity) + "' does not fit an int");
        }
        return (int) v;
    }

    private static double toDouble(JsonNode value, String path) {
        if (!value.isNumber()) {
            throw malformed(path + " must be a number, got " + describe(value));
        }
        return value.doubleValue();
    }

    /** A value as a tree: a String read off a cursor becomes a text node (for the rare paths that want one). */
    private static JsonNode tree(Object value) {
        return value instanceof String string ? TextNode.valueOf(string) : (JsonNode) value;
    }

    private static String describe(JsonNode value) {
        return value == null ? "nothing" : Excerpt.of(value.toString());
    }

    private static MalformedResponseException malformed(String reason) {
        return new MalformedResponseException(null, null, reason);
    }
}
