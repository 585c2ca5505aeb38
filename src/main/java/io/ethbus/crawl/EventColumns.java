package io.ethbus.crawl;

import io.ethbus.abi.AbiParam;
import io.ethbus.abi.AbiValues;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The columns of a decoded event and the values that go in them: the log's position columns,
 * then one column per parameter, typed. int8..int64 and uint8..uint56 are int64; uint64 and
 * wider ints are decimal strings (a uint64 does not fit a signed int64); addresses, bytes and
 * the hash an indexed string, bytes, array or tuple leaves in its topic are 0x lowercase hex;
 * bool is boolean; string is text; arrays and tuples are JSON text.
 */
final class EventColumns {
    /** The log's position: the first columns of {@link Dataset#LOGS}. */
    static final List<Column> POSITION = Dataset.LOGS.columns().subList(0, ScannedLog.POSITION_COLUMNS);

    private EventColumns() {
    }

    /**
     * The position columns, then a column per parameter named as the parameter; an unnamed one
     * is {@code arg<i>}, and a name already taken (a parameter called {@code address}) gets the
     * prefix {@code param_}.
     */
    static List<Column> of(List<AbiParam> params) {
        List<Column> out = new ArrayList<>(POSITION);
        Set<String> taken = new HashSet<>();
        POSITION.forEach(c -> taken.add(c.name()));
        for (int i = 0; i < params.size(); i++) {
            AbiParam p = params.get(i);
            String name = p.name().isEmpty() ? "arg" + i : p.name();
            if (!taken.add(name)) {
                name = "param_" + name;
                if (!taken.add(name)) {
                    name = name + "_" + i;
                    taken.add(name);
                }
            }
            out.add(new Column(name, type(p), p.type() + (p.indexed() ? " indexed" : "")
                    + (p.hashedInTopic() ? " (its Keccak hash: the topic holds nothing else)" : "")));
        }
        return List.copyOf(out);
    }

    /** How a parameter's values are stored. */
    static ColumnType type(AbiParam p) {
        String t = p.type();
        if (p.hashedInTopic() || t.equals("address") || t.startsWith("bytes")) {
            return ColumnType.HEX;
        }
        if (t.endsWith("]") || t.startsWith("(")) {
            return ColumnType.JSON;
        }
        if (t.equals("bool")) {
            return ColumnType.BOOLEAN;
        }
        if (t.equals("string")) {
            return ColumnType.STRING;
        }
        if (!t.startsWith("int") && !t.startsWith("uint")) {
            return ColumnType.STRING; // no other type decodes to anything but text (function: its bytes' text)
        }
        boolean unsigned = t.startsWith("uint");
        int bits = Integer.parseInt(t.substring(unsigned ? 4 : 3));
        return bits < 64 || (!unsigned && bits == 64) ? ColumnType.INT64 : ColumnType.DECIMAL;
    }

    /** The row value of a decoded argument, as {@link #type} says. */
    static Object value(ColumnType type, Object v) {
        return switch (type) {
            case INT64 -> ((BigInteger) v).longValueExact();
            case DECIMAL -> v.toString();
            case JSON -> json(v).toString();
            case BOOLEAN -> v;
            case STRING -> v.toString();
            case HEX -> hex(v);
        };
    }

    private static String hex(Object v) {
        if (v instanceof Address a) {
            return a.toHex();
        }
        if (v instanceof Hash h) {
            return h.toHex();
        }
        return ((Bytes) v).toHex();
    }

    /** Arrays as arrays, tuples as objects by member name (index when unnamed), numbers as decimal strings. */
    private static Object json(Object v) {
        if (v instanceof AbiValues tuple) {
            JsonObject o = new JsonObject();
            for (int i = 0; i < tuple.size(); i++) {
                String name = tuple.params().get(i).name();
                o.put(name.isEmpty() ? Integer.toString(i) : name, json(tuple.get(i)));
            }
            return o;
        }
        if (v instanceof List<?> list) {
            JsonArray a = new JsonArray();
            list.forEach(e -> a.add(json(e)));
            return a;
        }
        if (v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof BigInteger n) {
            return n.toString();
        }
        return hex(v);
    }
}
