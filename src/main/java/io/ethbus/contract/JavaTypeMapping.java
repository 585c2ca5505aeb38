package io.ethbus.contract;

import io.ethbus.abi.AbiException;
import io.ethbus.abi.AbiParam;
import io.ethbus.abi.AbiValues;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Which Java types an ABI type is read into and written from, for {@link Contract#callFor} and
 * typed interfaces. Each check answers null when the types fit, else why not, so that a
 * mismatch is found before anything is sent. Read into:
 * <ul>
 *   <li>int/uint: {@link BigInteger} always; {@code long}/{@link Long} when every value of the
 *       width fits (int8..int64, uint8..uint56), {@code int}/{@link Integer} likewise
 *       (int8..int32, uint8..uint24): uint64 and uint256 stay BigInteger, never cut short;</li>
 *   <li>address: {@link Address}; bool: {@code boolean}/{@link Boolean}; string: {@link String};</li>
 *   <li>bytes, bytesN: {@link Bytes} or {@code byte[]}; bytes32 also {@link Hash};</li>
 *   <li>arrays: {@code List<E>}, each element read into E;</li>
 *   <li>tuples: {@link AbiValues}, or a record whose components are the tuple's, in order;</li>
 *   <li>anything: {@link Object}, the value as {@link AbiValues} holds it.</li>
 * </ul>
 * Written from: what {@link io.ethbus.abi.AbiFunction#encodeCall} takes (BigInteger, Long,
 * Integer, Short, Byte; Address or a 0x String; Bytes, byte[] or a 0x String; List or Object[];
 * AbiValues, List, Object[] or a record), or {@link Object}.
 */
final class JavaTypeMapping {
    private JavaTypeMapping() {
    }

    /** Null when {@code outputs} read into {@code target} (see {@link #result}), else why not. */
    static String resultMismatch(List<AbiParam> outputs, Type target) {
        Class<?> raw = raw(target);
        if (raw == Void.class || raw == AbiValues.class || raw == Object.class) {
            return null;
        }
        if (outputs.size() == 1) {
            return outputMismatch(outputs.get(0), target);
        }
        if (raw.isRecord()) {
            return componentsMismatch(outputs, raw);
        }
        return outputs.isEmpty() ? "the function returns nothing: declare Void or AbiValues"
                : "the function returns " + outputs.size() + " values: declare a record of them or AbiValues";
    }

    /**
     * The outputs read into {@code target}: nothing for Void; for AbiValues the tuple when the
     * one output is a tuple, else all outputs; the one output, or a record of several outputs.
     */
    static Object result(AbiValues outputs, Type target) {
        Class<?> raw = raw(target);
        if (raw == Void.class) {
            return null;
        }
        if (raw == AbiValues.class) {
            return outputs.size() == 1 && outputs.get(0) instanceof AbiValues tuple ? tuple : outputs;
        }
        if (outputs.size() == 1) {
            return value(outputs.get(0), outputs.params().get(0), target);
        }
        return raw == Object.class ? outputs : record(outputs, raw);
    }

    /** Null when a value of {@code param} reads into {@code target}, else why not. */
    static String outputMismatch(AbiParam param, Type target) {
        Class<?> raw = raw(target);
        String type = param.type();
        if (type.endsWith("]") && raw == List.class) {
            return target instanceof ParameterizedType p ? outputMismatch(element(param), p.getActualTypeArguments()[0]) : null;
        }
        if (raw == Object.class || raw == param.javaType()) {
            return null;
        }
        if (type.endsWith("]")) {
            return "a " + type + " reads into List<E> or Object";
        }
        if (type.startsWith("(")) {
            return raw.isRecord() ? componentsMismatch(param.components(), raw) : "a " + type + " reads into a record or AbiValues";
        }
        if (type.startsWith("int") || type.startsWith("uint")) {
            int fits = bitsThatFit(type);
            if ((raw == long.class || raw == Long.class) && fits <= 64 || (raw == int.class || raw == Integer.class) && fits <= 32) {
                return null;
            }
            return "a " + type + " reads into BigInteger" + (fits <= 64 ? " or long" : "") + (fits <= 32 ? " or int" : "");
        }
        if (type.equals("bool")) {
            return raw == boolean.class ? null : "a bool reads into Boolean or boolean";
        }
        if (type.startsWith("bytes")) {
            return raw == byte[].class || raw == Hash.class && type.equals("bytes32") ? null
                    : "a " + type + " reads into Bytes or byte[]" + (type.equals("bytes32") ? " or Hash" : "");
        }
        return "a " + type + " reads into " + param.javaType().getSimpleName();
    }

    /** Null when a Java {@code source} value can be written as {@code param}, else why not. */
    static String inputMismatch(AbiParam param, Type source) {
        Class<?> raw = raw(source);
        String type = param.type();
        if (raw == Object.class || raw == param.javaType()) {
            return null;
        }
        if (type.endsWith("]")) {
            return raw == List.class || raw == Object[].class ? null : "a " + type + " is written from a List or Object[]";
        }
        if (type.startsWith("(")) {
            return raw == List.class || raw == Object[].class ? null
                    : raw.isRecord() ? componentsMismatch(param.components(), raw, JavaTypeMapping::inputMismatch)
                    : "a " + type + " is written from a record, AbiValues, List or Object[]";
        }
        if (type.startsWith("int") || type.startsWith("uint")) {
            return List.of(long.class, Long.class, int.class, Integer.class, short.class, Short.class, byte.class, Byte.class)
                    .contains(raw) ? null : "a " + type + " is written from BigInteger, long or int";
        }
        if (type.equals("bool")) {
            return raw == boolean.class ? null : "a bool is written from Boolean or boolean";
        }
        if (type.equals("address") || type.startsWith("bytes")) {
            return raw == String.class || raw == byte[].class && !type.equals("address") ? null
                    : "a " + type + " is written from " + param.javaType().getSimpleName()
                    + (type.equals("address") ? "" : ", byte[]") + " or a 0x String";
        }
        return "a " + type + " is written from " + param.javaType().getSimpleName();
    }

    private static Object value(Object value, AbiParam param, Type target) {
        Class<?> raw = raw(target);
        if (value instanceof List<?> list && target instanceof ParameterizedType) {
            AbiParam element = element(param);
            Type elementType = ((ParameterizedType) target).getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(value(e, element, elementType));
            }
            return List.copyOf(out);
        }
        if (raw == Object.class || raw == param.javaType()) {
            return value;
        }
        if (value instanceof AbiValues tuple) {
            return record(tuple, raw);
        }
        if (value instanceof BigInteger n) {
            return raw == long.class || raw == Long.class ? (Object) n.longValueExact() : (Object) n.intValueExact();
        }
        if (value instanceof Bytes b) {
            return raw == Hash.class ? new Hash(b.value()) : b.toArray();
        }
        return value; // boolean
    }

    private static Object record(AbiValues values, Class<?> recordType) {
        RecordComponent[] components = recordType.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = value(values.get(i), values.params().get(i), components[i].getGenericType());
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> canonical = recordType.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new AbiException("record " + recordType.getSimpleName() + " refused " + values + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AbiException("cannot build record " + recordType.getSimpleName() + " from " + values + ": " + e, e);
        }
    }

    private static String componentsMismatch(List<AbiParam> params, Class<?> recordType) {
        return componentsMismatch(params, recordType, JavaTypeMapping::outputMismatch);
    }

    /** Null when the record's components match {@code params} one by one under {@code check}, else why not. */
    private static String componentsMismatch(List<AbiParam> params, Class<?> recordType, BiFunction<AbiParam, Type, String> check) {
        RecordComponent[] components = recordType.getRecordComponents();
        if (components.length != params.size()) {
            return "record " + recordType.getSimpleName() + " has " + components.length + " components for " + params.size() + " members " + params;
        }
        for (int i = 0; i < components.length; i++) {
            String why = check.apply(params.get(i), components[i].getGenericType());
            if (why != null) {
                return "record " + recordType.getSimpleName() + " component " + components[i].getName() + ": " + why;
            }
        }
        return null;
    }

    /** The parameter an element of array parameter {@code param} is: its type without the last dimension. */
    private static AbiParam element(AbiParam param) {
        String type = param.type();
        return new AbiParam("", type.substring(0, type.lastIndexOf('[')), false, param.components());
    }

    /** Bits a signed Java integer needs to hold every value of {@code intN}/{@code uintN}. */
    private static int bitsThatFit(String type) {
        boolean unsigned = type.startsWith("u");
        String width = type.substring(unsigned ? 4 : 3);
        int bits = width.isEmpty() ? 256 : Integer.parseInt(width);
        return unsigned ? bits + 1 : bits;
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class; // a type variable or wildcard: nothing to check it against
    }
}
