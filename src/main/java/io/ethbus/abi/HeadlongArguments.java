package io.ethbus.abi;

import com.esaulpaugh.headlong.abi.ABIType;
import com.esaulpaugh.headlong.abi.ArrayType;
import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;
import com.esaulpaugh.headlong.abi.UnitType;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.EthbusException;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.List;

/**
 * Java arguments to headlong values, checked against their ABI type. Accepted:
 * <ul>
 * <li>int/uint: {@link BigInteger}, {@link Long}, {@link Integer}, {@link Short}, {@link Byte};
 * <li>address: {@link Address}, or a {@link String} of 0x and 40 hex digits (an EIP-55
 * checksum is checked when the case is mixed);
 * <li>bool: {@link Boolean};
 * <li>bytes, bytesN: {@link Bytes}, {@code byte[]} or a 0x hex {@link String} (bytesN exactly N bytes);
 * <li>string: {@link String};
 * <li>arrays: {@link List} or {@code Object[]} (a fixed array of exactly its length);
 * <li>tuples: {@link AbiValues}, {@link List}, {@code Object[]} or a Java record whose components
 * are the members in order.
 * </ul>
 * Addresses become {@code uint160} values: they are encoded through a copy of the types with
 * {@code uint160} in place of {@code address}, which skips headlong's checksum round trip.
 */
final class HeadlongArguments {
    private HeadlongArguments() {
    }

    /** Converts {@code value} for {@code type}; {@code wire} is the same type with uint160 for address. */
    static Object convert(ABIType<?> type, ABIType<?> wire, List<AbiParam> components, Object value) {
        if (value == null) {
            throw new ArgumentMismatch("null is not a " + type.getCanonicalType());
        }
        return switch (type.typeCode()) {
            case ABIType.TYPE_CODE_BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    throw wrongType(type, value, "Boolean");
                }
                yield value;
            }
            case ABIType.TYPE_CODE_INT, ABIType.TYPE_CODE_LONG, ABIType.TYPE_CODE_BIG_INTEGER ->
                    integer((UnitType<?>) type, value);
            case ABIType.TYPE_CODE_ADDRESS -> new BigInteger(1, address(value).value());
            case ABIType.TYPE_CODE_ARRAY -> array(type.asArrayType(), wire.asArrayType(), components, value);
            case ABIType.TYPE_CODE_TUPLE -> tuple(type.asTupleType(), wire.asTupleType(), components, value);
            default -> throw new ArgumentMismatch(type.getCanonicalType() + " is not supported");
        };
    }

    /** The members of {@code value} as a headlong tuple of {@code wire}'s element types. */
    static Tuple tuple(TupleType<?> type, TupleType<?> wire, List<AbiParam> params, Object value) {
        Object[] members = members(type, value);
        if (members.length != type.size()) {
            throw new ArgumentMismatch(type.getCanonicalType() + " has " + type.size() + " members, got " + members.length);
        }
        Object[] out = new Object[members.length];
        for (int i = 0; i < members.length; i++) {
            List<AbiParam> inner = params.get(i).components();
            try {
                out[i] = convert(type.get(i), wire.get(i), inner, members[i]);
            } catch (ArgumentMismatch m) {
                String name = params.get(i).name();
                throw m.within("." + (name.isEmpty() ? Integer.toString(i) : name));
            }
        }
        return Tuple.from(out);
    }

    private static Object[] members(TupleType<?> type, Object value) {
        if (value instanceof AbiValues values) {
            return values.asList().toArray();
        }
        if (value instanceof List<?> list) {
            return list.toArray();
        }
        if (value instanceof Object[] array) {
            return array;
        }
        if (value instanceof Record record) {
            RecordComponent[] components = record.getClass().getRecordComponents();
            Object[] out = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                try {
                    components[i].getAccessor().setAccessible(true);
                    out[i] = components[i].getAccessor().invoke(record);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new ArgumentMismatch("cannot read component " + components[i].getName() + " of "
                            + record.getClass().getSimpleName() + ": " + e);
                }
            }
            return out;
        }
        throw wrongType(type, value, "AbiValues, List, Object[] or record");
    }

    private static Object integer(UnitType<?> type, Object value) {
        BigInteger big;
        long small;
        if (value instanceof BigInteger b) {
            big = b;
            small = b.bitLength() < 64 ? b.longValue() : 0;
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            small = ((Number) value).longValue();
            big = null;
        } else {
            throw wrongType(type, value, "BigInteger, Long or Integer");
        }
        int bits = type.getBitLength();
        boolean fits;
        if (big == null || big.bitLength() < 64) {
            // A long compares without building BigIntegers: the common case of the hot path.
            fits = type.isUnsigned() ? small >= 0 && (bits >= 64 || small >>> bits == 0)
                    : bits >= 64 || (small >> (bits - 1) == 0 || small >> (bits - 1) == -1);
        } else {
            fits = type.isUnsigned() ? big.signum() >= 0 && big.bitLength() <= bits : big.bitLength() < bits;
        }
        if (!fits) {
            throw new ArgumentMismatch(describe(big == null ? BigInteger.valueOf(small) : big)
                    + " does not fit " + type.getCanonicalType());
        }
        return switch (type.typeCode()) {
            case ABIType.TYPE_CODE_INT -> (int) small;
            case ABIType.TYPE_CODE_LONG -> small;
            default -> big != null ? big : BigInteger.valueOf(small);
        };
    }

    /** 2^n for a power of two past a long, where the digits would say less than the exponent. */
    private static String describe(BigInteger value) {
        BigInteger magnitude = value.abs();
        if (magnitude.bitLength() > 64 && magnitude.bitCount() == 1) {
            return (value.signum() < 0 ? "-" : "") + "2^" + (magnitude.bitLength() - 1);
        }
        return value.toString();
    }

    private static Address address(Object value) {
        if (value instanceof Address a) {
            return a;
        }
        if (value instanceof String s) {
            try {
                return Address.of(s);
            } catch (EthbusException e) {
                throw new ArgumentMismatch(e.getMessage());
            }
        }
        throw wrongType(null, value, "Address or 0x String");
    }

    private static Object array(ArrayType<?, ?, ?> type, ArrayType<?, ?, ?> wire, List<AbiParam> components, Object value) {
        if (type.isString()) {
            if (!(value instanceof String)) {
                throw wrongType(type, value, "String");
            }
            return value;
        }
        if (type.getElementType().typeCode() == ABIType.TYPE_CODE_BYTE) {
            return bytes(type, value);
        }
        Object[] elements;
        if (value instanceof List<?> list) {
            elements = list.toArray();
        } else if (value instanceof Object[] array) {
            elements = array;
        } else {
            throw wrongType(type, value, "List or Object[]");
        }
        int length = type.getLength();
        if (length != ArrayType.DYNAMIC_LENGTH && elements.length != length) {
            throw new ArgumentMismatch(type.getCanonicalType() + " takes " + length + " elements, got " + elements.length);
        }
        Object out = Array.newInstance(wire.clazz().getComponentType(), elements.length);
        for (int i = 0; i < elements.length; i++) {
            try {
                Object element = convert(type.getElementType(), wire.getElementType(), components, elements[i]);
                if (out instanceof Object[] objects) {
                    objects[i] = element; // tuples, big integers, strings, nested arrays: no reflective store
                } else {
                    Array.set(out, i, element);
                }
            } catch (ArgumentMismatch m) {
                throw m.within("[" + i + "]");
            }
        }
        return out;
    }

    private static byte[] bytes(ArrayType<?, ?, ?> type, Object value) {
        byte[] bytes;
        if (value instanceof Bytes b) {
            bytes = b.value();
        } else if (value instanceof byte[] b) {
            bytes = b;
        } else if (value instanceof String s) {
            try {
                bytes = Hex.decode(s);
            } catch (EthbusException e) {
                throw new ArgumentMismatch(e.getMessage());
            }
        } else {
            throw wrongType(type, value, "Bytes, byte[] or 0x String");
        }
        int length = type.getLength();
        if (length != ArrayType.DYNAMIC_LENGTH && bytes.length != length) {
            throw new ArgumentMismatch(bytes.length + " bytes do not fit " + type.getCanonicalType());
        }
        return bytes;
    }

    private static ArgumentMismatch wrongType(ABIType<?> type, Object value, String expected) {
        return new ArgumentMismatch("a " + value.getClass().getSimpleName() + " is not a "
                + (type == null ? "address" : type.getCanonicalType()) + " (expected " + expected + ")");
    }
}
