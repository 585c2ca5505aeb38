package io.ethbus.typeddata;

import io.ethbus.primitives.Keccak;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/**
 * EIP-712's hashStruct over one document's types: keccak256(typeHash ‖ encodeData(value)),
 * where each member is one 32-byte word: atomic values as {@link AtomicType} encodes them,
 * bytes and strings hashed, structs by their hashStruct, arrays by the keccak256 of their
 * elements' words. A struct value is a {@link Map} of field name to value, with every field of
 * its type and no other; an array is a {@link List} or {@code Object[]}.
 */
final class StructHasher {
    private static final int WORD = 32;

    private final TypedDataTypes types;

    StructHasher(TypedDataTypes types) {
        this.types = types;
    }

    byte[] hashStruct(String struct, Object value, FieldPath path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidTypedDataException(path.toString(), value == null ? "missing value for " + struct
                    : struct + " takes an object of its fields, got " + value.getClass().getSimpleName());
        }
        List<TypedDataField> fields = types.fields(struct);
        List<FieldType> fieldTypes = types.fieldTypes(struct);
        ByteBuffer out = ByteBuffer.allocate(WORD * (fields.size() + 1));
        out.put(types.typeHashUnsafe(struct));
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).name();
            Object member = map.get(name);
            if (member == null && !map.containsKey(name)) {
                throw new InvalidTypedDataException(path.field(name).toString(), "missing field " + name + " of " + struct);
            }
            encode(fieldTypes.get(i), member, out, path.field(name));
        }
        if (map.size() != fields.size()) {
            throw extraField(struct, map, fields, path);
        }
        return Keccak.keccak256(out.array());
    }

    private void encode(FieldType type, Object value, ByteBuffer out, FieldPath path) {
        if (type.isArray()) {
            out.put(hashArray(type, value, path));
        } else if (type.atomic() != null) {
            type.atomic().encode(value, out, path);
        } else {
            out.put(hashStruct(type.base(), value, path));
        }
    }

    private byte[] hashArray(FieldType type, Object value, FieldPath path) {
        List<?> elements;
        if (value instanceof List<?> list) {
            elements = list;
        } else if (value instanceof Object[] array) {
            elements = List.of(array);
        } else {
            throw new InvalidTypedDataException(path.toString(), value == null ? "missing value for " + type.text()
                    : type.text() + " takes an array, got " + value.getClass().getSimpleName());
        }
        if (type.length() != FieldType.DYNAMIC && elements.size() != type.length()) {
            throw new InvalidTypedDataException(path.toString(), type.text() + " takes " + type.length()
                    + " elements, got " + elements.size());
        }
        ByteBuffer words = ByteBuffer.allocate(WORD * elements.size());
        for (int i = 0; i < elements.size(); i++) {
            encode(type.element(), elements.get(i), words, path.element(i));
        }
        return Keccak.keccak256(words.array());
    }

    private static InvalidTypedDataException extraField(String struct, Map<?, ?> map, List<TypedDataField> fields, FieldPath path) {
        for (Object key : map.keySet()) {
            if (fields.stream().noneMatch(f -> f.name().equals(key))) {
                return new InvalidTypedDataException(path.field(String.valueOf(key)).toString(),
                        "extra field " + key + ": " + struct + " has no such field, and it would not be signed");
            }
        }
        return new InvalidTypedDataException(path.toString(), "fields do not match " + struct);
    }
}
