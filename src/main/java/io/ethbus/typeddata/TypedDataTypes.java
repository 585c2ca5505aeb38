package io.ethbus.typeddata;

import io.ethbus.primitives.Keccak;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The struct types of one typed-data document, checked: every field's type is atomic or a
 * defined struct (or an array of one), field names are unique, and no struct contains itself
 * without a way out. A struct may refer to itself through an array that can be empty
 * ({@code Node(Node[] children)}), as EIP-712 allows; through plain members or fixed arrays
 * only, a value would have to be infinite, which is refused. At most {@value #MAX_TYPES} structs,
 * nested at most {@value #MAX_DEPTH} deep through members that must be present, since the types
 * may come from an untrusted document. Type hashes are computed when first needed, then kept.
 *
 * <pre>TypedDataTypes types = TypedDataTypes.of(Map.of("Person", List.of(TypedDataField.of("address wallet"))));</pre>
 */
public final class TypedDataTypes {
    /** The most structs one document may define. */
    public static final int MAX_TYPES = 1024;
    /** The longest chain of structs each holding the next as a member that must be present. */
    public static final int MAX_DEPTH = 256;

    private final Map<String, List<TypedDataField>> structs;
    private final Map<String, List<FieldType>> parsed;
    // Filled on first use, from any thread: only the types actually hashed pay for their encodeType.
    private final Map<String, String> encodedTypes = new ConcurrentHashMap<>();
    private final Map<String, byte[]> typeHashes = new ConcurrentHashMap<>();

    private TypedDataTypes(Map<String, List<TypedDataField>> structs) {
        if (structs.size() > MAX_TYPES) {
            throw new InvalidTypedDataException("types", structs.size() + " types; at most " + MAX_TYPES + " are accepted");
        }
        this.structs = structs;
        this.parsed = new HashMap<>();
        structs.forEach((name, fields) -> parsed.put(name, check(name, fields)));
        checkNoInescapableCycle();
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
        return encodedTypes.computeIfAbsent(require(struct, "types"), this::computeEncodeType);
    }

    /** keccak256(encodeType(struct)). */
    public byte[] typeHash(String struct) {
        return typeHashUnsafe(require(struct, "types")).clone();
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
        return typeHashes.computeIfAbsent(struct, name -> Keccak.keccak256(encodeType(name).getBytes(StandardCharsets.UTF_8)));
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
        if (stack.size() == MAX_DEPTH) {
            throw new InvalidTypedDataException("types", "types nest deeper than " + MAX_DEPTH + ", from " + stack.get(0));
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

    // A worklist, not a recursion: a long chain of types cannot overflow the stack, and a struct
    // that refers to itself (through an array) is listed once.
    private void collect(String primary, Set<String> into) {
        Deque<String> pending = new ArrayDeque<>(List.of(primary));
        while (!pending.isEmpty()) {
            String struct = pending.pop();
            if (into.add(struct)) {
                for (FieldType type : parsed.get(struct)) {
                    if (structs.containsKey(type.base())) {
                        pending.push(type.base());
                    }
                }
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
