package io.ethbus.abi;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Decoded ABI values in order, with the names of their parameters: the return values of a
 * call, the arguments of an event or error, the members of a tuple. Immutable.
 * Values are {@link BigInteger} (any int/uint), {@link Address}, {@link Boolean}, {@link Bytes}
 * (bytes, bytesN), {@link String}, {@link List} (arrays), {@code AbiValues} (tuples) and
 * {@link Hash} (an indexed event parameter that only its hash stands for).
 * Example: {@code values.getBigInteger("balance")}.
 */
public final class AbiValues {
    private final List<AbiParam> params;
    private final Object[] values;

    /** Takes {@code values} as they are: callers hand over a fresh array that nothing else holds. */
    AbiValues(List<AbiParam> params, Object[] values) {
        this.params = params;
        this.values = values;
    }

    /**
     * Values for the given parameters, e.g. to build a tuple argument by hand.
     * Throws {@link AbiException} when the counts differ or a value is null; {@code byte[]} values
     * are kept as {@link Bytes} and lists copied, so later changes to them do not show here.
     */
    public static AbiValues of(List<AbiParam> params, List<?> values) {
        if (params.size() != values.size()) {
            throw new AbiException(params.size() + " parameters but " + values.size() + " values");
        }
        Object[] copied = new Object[values.size()];
        for (int i = 0; i < copied.length; i++) {
            copied[i] = settled(values.get(i), "value " + i + " (" + params.get(i).name() + ")");
        }
        return new AbiValues(List.copyOf(params), copied);
    }

    /** The value as an immutable one (byte[] as Bytes, lists copied), so that these values stay as given. */
    private static Object settled(Object value, String where) {
        if (value == null) {
            throw new AbiException(where + " is null");
        }
        if (value instanceof byte[] bytes) {
            return new Bytes(bytes.clone());
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(settled(list.get(i), where + "[" + i + "]"));
            }
            return Collections.unmodifiableList(out);
        }
        return value;
    }

    /** How many values there are. */
    public int size() {
        return values.length;
    }

    /** The parameters the values belong to, in order. */
    public List<AbiParam> params() {
        return params;
    }

    /** The parameter names in order; an unnamed parameter has the empty name. */
    public List<String> names() {
        List<String> names = new ArrayList<>(params.size());
        for (AbiParam p : params) {
            names.add(p.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** The values in order, unmodifiable. */
    public List<Object> asList() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** The value at {@code index}; {@link AbiException} when there is none. */
    public Object get(int index) {
        if (index < 0 || index >= values.length) {
            throw new AbiException("no value " + index + " among " + values.length + " " + params);
        }
        return values[index];
    }

    /** The value of the parameter called {@code name}; {@link AbiException} when there is none. */
    public Object get(String name) {
        return values[indexOf(name)];
    }

    /** The value at {@code index}; {@link AbiException} when there is none or it is not a BigInteger. */
    public BigInteger getBigInteger(int index) {
        return as(index, BigInteger.class);
    }

    /** The value of the parameter called {@code name}; {@link AbiException} when there is none or it is not a BigInteger. */
    public BigInteger getBigInteger(String name) {
        return as(indexOf(name), BigInteger.class);
    }

    /** The value at {@code index}; {@link AbiException} when there is none or it is not an Address. */
    public Address getAddress(int index) {
        return as(index, Address.class);
    }

    /** The value of the parameter called {@code name}; {@link AbiException} when there is none or it is not an Address. */
    public Address getAddress(String name) {
        return as(indexOf(name), Address.class);
    }

    /** The value at {@code index}; {@link AbiException} when there is none or it is not a Bytes. */
    public Bytes getBytes(int index) {
        return as(index, Bytes.class);
    }

    /** The value of the parameter called {@code name}; {@link AbiException} when there is none or it is not a Bytes. */
    public Bytes getBytes(String name) {
        return as(indexOf(name), Bytes.class);
    }

    /** The value at {@code index}; {@link AbiException} when there is none or it is not a String. */
    public String getString(int index) {
        return as(index, String.class);
    }

    /** The value of the parameter called {@code name}; {@link AbiException} when there is none or it is not a String. */
    public String getString(String name) {
        return as(indexOf(name), String.class);
    }

    /** The value at {@code index}; {@link AbiException} when there is none or it is not a Boolean. */
    public Boolean getBoolean(int index) {
        return as(index, Boolean.class);
    }

    /** The value of the parameter called {@code name}; {@link AbiException} when there is none or it is not a Boolean. */
    public Boolean getBoolean(String name) {
        return as(indexOf(name), Boolean.class);
    }

    /** The hash an indexed string, bytes, array or tuple of an event stands for. */
    public Hash getHash(int index) {
        return as(index, Hash.class);
    }

    /** The hash the indexed event parameter called {@code name} stands for. */
    public Hash getHash(String name) {
        return as(indexOf(name), Hash.class);
    }

    /** The value at {@code index}; {@link AbiException} when there is none or it is not a List (an array). */
    @SuppressWarnings("unchecked")
    public List<Object> getList(int index) {
        return as(index, List.class);
    }

    /** The value of the parameter called {@code name}; {@link AbiException} when there is none or it is not a List (an array). */
    @SuppressWarnings("unchecked")
    public List<Object> getList(String name) {
        return as(indexOf(name), List.class);
    }

    /** The value at {@code index}; {@link AbiException} when there is none or it is not an AbiValues (a tuple). */
    public AbiValues getTuple(int index) {
        return as(index, AbiValues.class);
    }

    /** The value of the parameter called {@code name}; {@link AbiException} when there is none or it is not an AbiValues (a tuple). */
    public AbiValues getTuple(String name) {
        return as(indexOf(name), AbiValues.class);
    }

    /**
     * Plain JSON, as the event bus carries it: a member per value, keyed by its name (by its
     * index when unnamed); numbers as decimal strings, bytes and hashes as 0x hex, addresses in
     * checksum form, tuples as objects, arrays as arrays.
     */
    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        for (int i = 0; i < values.length; i++) {
            String name = params.get(i).name();
            json.put(name.isEmpty() ? Integer.toString(i) : name, jsonValue(values[i]));
        }
        return json;
    }

    private static Object jsonValue(Object value) {
        if (value instanceof AbiValues tuple) {
            return tuple.toJson();
        }
        if (value instanceof List<?> list) {
            JsonArray array = new JsonArray();
            for (Object element : list) {
                array.add(jsonValue(element));
            }
            return array;
        }
        if (value instanceof Boolean || value instanceof String) {
            return value;
        }
        return value.toString(); // BigInteger in decimal; Bytes, Hash as 0x hex; Address checksummed
    }

    private int indexOf(String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AbiException("no value named '" + name + "' among " + params);
    }

    private <T> T as(int index, Class<T> type) {
        Object value = get(index);
        if (!type.isInstance(value)) {
            throw new AbiException("value " + index + " (" + params.get(index) + ") is a "
                    + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AbiValues other && params.equals(other.params) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * params.hashCode() + Arrays.hashCode(values);
    }

    /** {@code (name=value, ...)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            String name = params.get(i).name();
            sb.append(i == 0 ? "" : ", ").append(name.isEmpty() ? Integer.toString(i) : name).append('=').append(values[i]);
        }
        return sb.append(')').toString();
    }
}
