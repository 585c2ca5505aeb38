package io.ethbus.typeddata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.JsonRpcCodec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code eth_signTypedData_v4} JSON into a {@link TypedData}: numbers keep every digit
 * (as BigInteger, or BigDecimal when written with a fraction or exponent, refused later unless
 * whole), objects become maps in their written order, arrays lists.
 */
final class TypedDataJson {
    // Derived once from the project's mapper and never changed: safe to share.
    private static final ObjectReader READER = JsonRpcCodec.mapper().reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private TypedDataJson() {
    }

    static TypedData parse(String json) {
        JsonNode root;
        try {
            root = READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidTypedDataException("typedData", "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTypedDataException("typedData", "expected a JSON object with types, primaryType, domain and message");
        }
        JsonNode primary = root.get("primaryType");
        if (primary == null || !primary.isTextual()) {
            throw new InvalidTypedDataException("primaryType", "missing, or not a string");
        }
        TypedDataDomain domain = domain(object(root, "domain"));
        Map<String, List<TypedDataField>> types = types(object(root, "types"));
        types.putIfAbsent(TypedData.DOMAIN_TYPE, domain.fields());
        @SuppressWarnings("unchecked")
        Map<String, Object> message = (Map<String, Object>) value(object(root, "message"));
        return new TypedData(TypedDataTypes.of(types), primary.textValue(), domain, message);
    }

    private static JsonNode object(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || !node.isObject()) {
            throw new InvalidTypedDataException(name, "missing, or not an object");
        }
        return node;
    }

    private static Map<String, List<TypedDataField>> types(JsonNode node) {
        Map<String, List<TypedDataField>> types = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = "types." + entry.getKey();
            if (!entry.getValue().isArray()) {
                throw new InvalidTypedDataException(path, "a type is an array of {name, type}");
            }
            List<TypedDataField> fields = new ArrayList<>();
            int i = 0;
            for (JsonNode field : entry.getValue()) {
                JsonNode name = field.get("name");
                JsonNode type = field.get("type");
                if (name == null || !name.isTextual() || type == null || !type.isTextual()) {
                    throw new InvalidTypedDataException(path + "[" + i + "]", "a field is {\"name\": string, \"type\": string}");
                }
                fields.add(new TypedDataField(name.textValue(), type.textValue()));
                i++;
            }
            types.put(entry.getKey(), fields);
        }
        return types;
    }

    private static TypedDataDomain domain(JsonNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!TypedDataDomain.KNOWN.containsKey(name)) {
                throw new InvalidTypedDataException("domain." + name, "unknown domain field; EIP-712 defines "
                        + String.join(", ", TypedDataDomain.KNOWN.keySet()));
            }
        }
        FieldPath at = FieldPath.root("domain");
        return new TypedDataDomain(
                text(node, "name"),
                text(node, "version"),
                present(node, "chainId") ? AtomicType.named("uint256").toBigInteger(value(node.get("chainId")), at.field("chainId")) : null,
                present(node, "verifyingContract") ? AtomicType.address(value(node.get("verifyingContract")), at.field("verifyingContract")) : null,
                present(node, "salt") ? Bytes.wrap(AtomicType.named("bytes32").bytes(value(node.get("salt")), at.field("salt"))) : null);
    }

    private static boolean present(JsonNode node, String name) {
        return node.hasNonNull(name);
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidTypedDataException("domain." + name, "takes a string");
        }
        return value.textValue();
    }

    /** A JSON value as the Java value the hasher reads. */
    private static Object value(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                map.put(entry.getKey(), value(entry.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(value(element)));
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return null;
    }
}
