package io.ethbus.typeddata;

import io.ethbus.primitives.Keccak;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The struct types of one typed-data document, checked: every field's type is atomic or a
 * defined struct (or an array of one), field names are unique, and no struct contains itself
 * without a way out. A struct may refer to itself through an array that can be empty
 * ({@code Node(Node[] children)}), as EIP-712 allows; through plain members or fixed arrays
 * only, a value would have to be infinite, which is refused. Type hashes are computed once.
 *
 * <pre>TypedDataTypes types = TypedDataTypes.of(Map.of("Person", List.of(TypedDataField.of("address wallet"))));</pre>
 */
public final class TypedDataTypes {
    private final Map<String, List<TypedDataField>> structs;
    private final Map<String, List<FieldType>> parsed;
    private final Map<String, String> encodedTypes;
    private final Map<String, byte[]> typeHashes;

    private TypedDataTypes(Map<String, List<TypedDataField>> structs) {
        this.structs = structs;
        this.parsed = new HashMap<>();
        structs.forEach((name, fields) -> parsed.put(name, check(name, fields)));
        checkNoInescapableCycle();
        this.encodedTypes = new HashMap<>();
        this.typeHashes = new HashMap<>();
        for (String name : structs.keySet()) {
            String encoded = computeEncodeType(name);
            encodedTypes.put(name, encoded);
            typeHashes.put(name, Keccak.keccak256(encoded.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Checks {@code structs} (name to fields, in order) and keeps a copy. */
    public static TypedDataTypes of(Map<String, List<TypedDataField>> structs) {
        Map<String, List<TypedDataField>> copy = new LinkedHashMap<>();
        structs.forEach((name, fields) -> copy.put(name, List.copyOf(fields)));
        return new TypedDataTypes(Collections.unmodifiableMap(copy));
    }

    /** The struct definitions, name to fields in declared order. */
    public Map<String, List<TypedDataField>> structs() {
        return structs;
    }

    /** True when {@code struct} is defined. */
    public boolean contains(String struct) {
        return structs.containsKey(struct);
    }

    /** A copy with {@code struct} added (the derived EIP712Domain); this one is unchanged. */
    TypedDataTypes with(String struct, List<TypedDataField> fields) {
        Map<String, List<TypedDataField>> copy = new LinkedHashMap<>(structs);
        copy.put(struct, List.copyOf(fields));
        return new TypedDataTypes(Collections.unmodifiableMap(copy));
    }

    /**
     * EIP-712's encodeType: {@code Mail(Person from,Person to,string contents)Person(string name,address wallet)},
     * the struct itself first, then every struct it refers to, sorted by name.
     */
    public String encodeType(String struct) {
        return encodedTypes.get(require(struct, "types"));
    }

    /** keccak256(encodeType(struct)). */
    public byte[] typeHash(String struct) {
        return typeHashes.get(require(struct, "types")).clone();
    }

    String require(String struct, String path) {
        if (!structs.containsKey(struct)) {
            throw new InvalidTypedDataException(path, "type " + struct + " is not defined in types");
        }
        return struct;
    }

    List<TypedDataField> fields(String struct) {
        return structs.get(struct);
    }

    List<FieldType> fieldTypes(String struct) {
        return parsed.get(struct);
    }

    /** The raw type hash, not copied: for the encoder in this package only. */
    byte[] typeHashUnsafe(String struct) {
        return typeHashes.get(struct);
    }

    /** Equal when they define the same structs with the same fields in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TypedDataTypes other && structs.equals(other.structs);
    }

    @Override
    public int hashCode() {
        return structs.hashCode();
    }

    @Override
    public String toString() {
        return "TypedDataTypes" + structs;
    }

    private List<FieldType> check(String name, List<TypedDataField> fields) {
        String path = "types." + name;
        if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
            throw new InvalidTypedDataException(path, "\"" + name + "\" is not a type name");
        }
        if (AtomicType.named(name) != null) {
            throw new InvalidTypedDataException(path, name + " is an atomic type and cannot be redefined");
        }
        Set<String> names = new HashSet<>();
        List<FieldType> types = new ArrayList<>(fields.size());
        for (TypedDataField field : fields) {
            String fieldPath = path + "." + field.name();
            if (field.name().isEmpty() || !field.name().chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '$')) {
                throw new InvalidTypedDataException(fieldPath, "\"" + field.name() + "\" is not a field name");
            }
            if (!names.add(field.name())) {
                throw new InvalidTypedDataException(fieldPath, "field " + field.name() + " is defined twice");
            }
            FieldType type = FieldType.parse(field.type(), fieldPath);
            if (AtomicType.named(type.base()) == null && !structs.containsKey(type.base())) {
                throw new InvalidTypedDataException(fieldPath, "unknown type " + type.base());
            }
            types.add(type);
        }
        return List.copyOf(types);
    }

    /** Refuses a struct that contains itself only through members that cannot be empty. */
    private void checkNoInescapableCycle() {
        Set<String> done = new HashSet<>();
        for (String name : structs.keySet()) {
            List<String> cycle = inescapable(name, new ArrayList<>(), done);
            if (cycle != null) {
                throw new InvalidTypedDataException("types." + cycle.get(0), "type " + cycle.get(0)
                        + " contains itself through " + String.join(" -> ", cycle)
                        + " with no array that may be empty, so no finite value exists");
            }
        }
    }

    private List<String> inescapable(String name, List<String> stack, Set<String> done) {
        int at = stack.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
            cycle.add(name);
            return cycle;
        }
        if (done.contains(name)) {
            return null;
        }
        stack.add(name);
        for (FieldType type : parsed.get(name)) {
            if (structs.containsKey(type.base()) && !type.mayBeEmpty()) {
                List<String> cycle = inescapable(type.base(), stack, done);
                if (cycle != null) {
                    return cycle;
                }
            }
        }
        stack.remove(stack.size() - 1);
        done.add(name);
        return null;
    }

    private String computeEncodeType(String primary) {
        Set<String> dependencies = new TreeSet<>();
        collect(primary, dependencies);
        dependencies.remove(primary);
        StringBuilder sb = new StringBuilder();
        append(primary, sb);
        for (String dependency : dependencies) {
            append(dependency, sb);
        }
        return sb.toString();
    }

    // A set, not a recursion on types: a struct that refers to itself (through an array) is listed once.
    private void collect(String struct, Set<String> into) {
        if (!into.add(struct)) {
            return;
        }
        for (FieldType type : parsed.get(struct)) {
            if (structs.containsKey(type.base())) {
                collect(type.base(), into);
            }
        }
    }

    private void append(String struct, StringBuilder sb) {
        sb.append(struct).append('(');
        List<TypedDataField> fields = structs.get(struct);
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(fields.get(i).type()).append(' ').append(fields.get(i).name());
        }
        sb.append(')');
    }
}
