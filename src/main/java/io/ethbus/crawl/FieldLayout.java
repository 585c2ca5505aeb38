package io.ethbus.crawl;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Which fields of one kind of JSON object a node sends (a block, a transaction, a receipt, a
 * log) go to which row column, read how, and which must be there. Reads the object with a
 * streaming parser in whatever field order the node uses; absent and null are alike.
 */
final class FieldLayout {
    /** How a field's hex text becomes a row value. */
    enum Kind { HASH, ADDRESS, DATA, INT64, DECIMAL }

    /** One field: its JSON name, its row column, how it is read, whether it is required; {@code path} names it in errors. */
    record Field(String name, int column, Kind kind, boolean required, String path) {
    }

    /** Fields the layout does not map (nested arrays and the like): read by the caller, or skipped when it returns false. */
    @FunctionalInterface
    interface OtherField {
        boolean read(String name, JsonParser p) throws IOException;
    }

    private final String type;
    private final Map<String, Field> fields;
    private final List<Field> required;

    /** {@code type} names the object in errors: {@code block}, {@code transaction}, ... */
    FieldLayout(String type, Field... fields) {
        this.type = type;
        // paths for error messages made once here, not per value read
        List<Field> named = Arrays.stream(fields)
                .map(f -> new Field(f.name(), f.column(), f.kind(), f.required(), type + "." + f.name())).toList();
        this.fields = named.stream().collect(Collectors.toUnmodifiableMap(Field::name, Function.identity()));
        this.required = named.stream().filter(Field::required).toList();
    }

    static Field req(String name, int column, Kind kind) {
        return new Field(name, column, kind, true, null);
    }

    static Field opt(String name, int column, Kind kind) {
        return new Field(name, column, kind, false, null);
    }

    /** Expects START_OBJECT as the current token and reads up to its END_OBJECT into {@code row}. */
    void read(JsonParser p, Object[] row, OtherField other) throws IOException {
        WireValues.expect(p, JsonToken.START_OBJECT, type);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (p.nextToken() == JsonToken.VALUE_NULL) {
                continue;
            }
            Field f = fields.get(name);
            if (f != null) {
                row[f.column()] = value(p, f.kind(), f.path());
            } else if (other == null || !other.read(name, p)) {
                p.skipChildren();
            }
        }
        for (Field f : required) {
            if (row[f.column()] == null) {
                throw WireValues.missing(f.path());
            }
        }
    }

    private static Object value(JsonParser p, Kind kind, String path) throws IOException {
        return switch (kind) {
            case HASH -> WireValues.hash(p, path);
            case ADDRESS -> WireValues.address(p, path);
            case DATA -> WireValues.data(p, path);
            case INT64 -> WireValues.int64(p, path);
            case DECIMAL -> WireValues.decimal(p, path);
        };
    }
}
