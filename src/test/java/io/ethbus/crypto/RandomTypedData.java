package io.ethbus.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Hex;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random eth_signTypedData_v4 documents from a seed: up to four struct types whose fields are
 * atomic types of every width or earlier structs, arrays of one or two dimensions (dynamic and
 * fixed), a random subset of domain fields (with or without an EIP712Domain type), and values in
 * every form v4 JSON allows (numbers, decimal strings, hex, lower-case and checksum addresses).
 */
final class RandomTypedData {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] DOMAIN_FIELDS = {"name", "version", "chainId", "verifyingContract", "salt"};
    private static final String[] DOMAIN_TYPES = {"string", "string", "uint256", "address", "bytes32"};
    private static final String[] STRINGS = {"", "a", "Hello, Bob!", "h\u00e9llo", "\u6f22\u5b57", "\ud83d\ude00 emoji", "x".repeat(100)};

    private final Random random;
    private final List<String> structs = new ArrayList<>();
    private final ObjectNode types = JSON.objectNode();

    private RandomTypedData(long seed) {
        this.random = new Random(seed);
    }

    /** One document, as JSON. */
    static JsonNode document(long seed) {
        return new RandomTypedData(seed).build();
    }

    private JsonNode build() {
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String name = "S" + i + (char) ('a' + random.nextInt(26));
            ArrayNode fields = types.putArray(name);
            int n = 1 + random.nextInt(5);
            for (int f = 0; f < n; f++) {
                fields.addObject().put("name", "f" + f).put("type", fieldType());
            }
            structs.add(name);
        }
        String primary = structs.get(structs.size() - 1);
        ObjectNode doc = JSON.objectNode();
        ObjectNode domain = domain();
        doc.set("types", types);
        doc.put("primaryType", primary);
        doc.set("domain", domain);
        doc.set("message", value(primary));
        return doc;
    }

    private ObjectNode domain() {
        ObjectNode domain = JSON.objectNode();
        ArrayNode type = JSON.arrayNode();
        for (int i = 0; i < DOMAIN_FIELDS.length; i++) {
            if (random.nextInt(3) != 0) {
                type.addObject().put("name", DOMAIN_FIELDS[i]).put("type", DOMAIN_TYPES[i]);
                domain.set(DOMAIN_FIELDS[i], i == 2 ? JSON.numberNode(1 + random.nextInt(100_000)) : value(DOMAIN_TYPES[i]));
            }
        }
        if (random.nextBoolean()) {
            types.set("EIP712Domain", type);
        }
        return domain;
    }

    private String fieldType() {
        String base = !structs.isEmpty() && random.nextInt(4) == 0 ? structs.get(random.nextInt(structs.size())) : atomic();
        int dims = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(2);
        StringBuilder type = new StringBuilder(base);
        for (int d = 0; d < dims; d++) {
            type.append(random.nextBoolean() ? "[]" : "[" + (1 + random.nextInt(3)) + "]");
        }
        return type.toString();
    }

    private String atomic() {
        return switch (random.nextInt(8)) {
            case 0, 1 -> "uint" + 8 * (1 + random.nextInt(32));
            case 2 -> "int" + 8 * (1 + random.nextInt(32));
            case 3 -> "bytes" + (1 + random.nextInt(32));
            case 4 -> "address";
            case 5 -> "bool";
            case 6 -> "bytes";
            default -> "string";
        };
    }

    private JsonNode value(String type) {
        if (type.endsWith("]")) {
            int open = type.lastIndexOf('[');
            String inner = type.substring(open + 1, type.length() - 1);
            int length = inner.isEmpty() ? random.nextInt(4) : Integer.parseInt(inner);
            ArrayNode array = JSON.arrayNode();
            for (int i = 0; i < length; i++) {
                array.add(value(type.substring(0, open)));
            }
            return array;
        }
        if (types.has(type)) {
            ObjectNode struct = JSON.objectNode();
            types.get(type).forEach(field -> struct.set(field.get("name").textValue(), value(field.get("type").textValue())));
            return struct;
        }
        if (type.startsWith("uint")) {
            return integer(new BigInteger(Integer.parseInt(type.substring(4)), random).shiftRight(random.nextInt(3) == 0 ? 0 : random.nextInt(200)));
        }
        if (type.startsWith("int")) {
            int bits = Integer.parseInt(type.substring(3));
            BigInteger v = new BigInteger(bits - 1, random).shiftRight(random.nextInt(2) == 0 ? 0 : random.nextInt(bits));
            return integer(random.nextBoolean() ? v.negate().subtract(BigInteger.ONE) : v);
        }
        return switch (type) {
            case "address" -> {
                byte[] a = bytes(20);
                yield JSON.textNode(random.nextBoolean() ? Hex.encode(a) : new Address(a).toChecksumHex());
            }
            case "bool" -> JSON.booleanNode(random.nextBoolean());
            case "bytes" -> JSON.textNode(Hex.encode(bytes(random.nextInt(70))));
            case "string" -> JSON.textNode(STRINGS[random.nextInt(STRINGS.length)]);
            default -> JSON.textNode(Hex.encode(bytes(Integer.parseInt(type.substring(5))))); // bytesN
        };
    }

    /** A number in one of its v4 forms: a JSON number, a decimal string, or hex when not negative. */
    private JsonNode integer(BigInteger v) {
        int form = random.nextInt(3);
        if (form == 0 && v.bitLength() < 63) {
            return JSON.numberNode(v.longValue());
        }
        if (form == 1 && v.signum() >= 0) {
            return JSON.textNode("0x" + v.toString(16));
        }
        return JSON.textNode(v.toString());
    }

    private byte[] bytes(int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }
}
