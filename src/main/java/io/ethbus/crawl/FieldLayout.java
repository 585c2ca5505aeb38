package io.ethbus.crawl;

import io.ethbus.rpc.JsonCursor;
import io.ethbus.rpc.MemberNames;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which fields of one kind of JSON object a node sends (a block, a transaction, a receipt, a
 * log) go to which row column, read how, and which must be there. Reads the object with a
 * {@link JsonCursor} in whatever field order the node uses, matching member names as bytes;
 * absent and null are alike.
 */
final class FieldLayout {
    /**
     * How a field's hex text becomes a row value. TEXT is the node's string as it came, for
     * fields that are only compared with a value already checked (a log's block hash).
     */
    enum Kind { HASH, ADDRESS, DATA, INT64, DECIMAL, TEXT }

    /** One field: its JSON name, its row column, how it is read, whether it is required; {@code path} names it in errors. */
    record Field(String name, int column, Kind kind, boolean required, String path) {
    }

    /** Members the layout does not map (nested arrays and the like), named in {@code others}: read by the caller. */
    @FunctionalInterface
    interface OtherField {
        void read(String name, JsonCursor c);
    }

    private final String type;
    /** The fields, then the other members' names. */
    private final Field[] fields;
    private final String[] others;
    private final MemberNames names;
    private final List<Field> required;

    /**
     * {@code type} names the object in errors: {@code block}, {@code transaction}, ...;
     * {@code others} are the members handed to the caller's {@link OtherField}; any other member is skipped.
     */
    FieldLayout(String type, List<String> others, Field... fields) {
        this.type = type;
        // paths for error messages made once here, not per value read
        this.fields = Arrays.stream(fields)
                .map(f -> new Field(f.name(), f.column(), f.kind(), f.required(), type + "." + f.name()))
                .toArray(Field[]::new);
        this.others = others.toArray(String[]::new);
        this.names = MemberNames.of(Stream.concat(Arrays.stream(this.fields).map(Field::name), others.stream())
                .toArray(String[]::new));
        this.required = Arrays.stream(this.fields).filter(Field::required).toList();
    }

    static Field req(String name, int column, Kind kind) {
        return new Field(name, column, kind, true, null);
    }

    static Field opt(String name, int column, Kind kind) {
        return new Field(name, column, kind, false, null);
    }

    /** Reads the object that comes next into {@code row}; {@code other} may be null when there are no others. */
    void read(JsonCursor c, Object[] row, OtherField other) {
        WireValues.open(c, false, type);
        for (boolean first = true; c.nextMember(first); first = false) {
            int i = c.memberName(names);
            if (i < 0 || c.peek() == 'n') {
                c.skipValue();
            } else if (i < fields.length) {
                Field f = fields[i];
                row[f.column()] = value(c, f.kind(), f.path());
            } else {
                other.read(others[i - fields.length], c);
            }
        }
        for (Field f : required) {
            if (row[f.column()] == null) {
                throw WireValues.missing(f.path());
            }
        }
    }

    private static Object value(JsonCursor c, Kind kind, String path) {
        return switch (kind) {
            case HASH -> WireValues.hash(c, path);
            case ADDRESS -> WireValues.address(c, path);
            case DATA -> WireValues.data(c, path);
            case INT64 -> WireValues.int64(c, path);
            case DECIMAL -> WireValues.decimal(c, path);
            case TEXT -> WireValues.text(c, path);
        };
    }
}
