package io.ethbus.abi;

import com.esaulpaugh.headlong.abi.ABIType;
import com.esaulpaugh.headlong.abi.ArrayType;
import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Headlong's decoded values to ethbus's Java types: every integer width to {@link BigInteger},
 * addresses to {@link Address}, bytes to {@link Bytes}, arrays to unmodifiable lists, tuples to
 * {@link AbiValues} with their parameter names.
 */
final class HeadlongResults {
    private HeadlongResults() {
    }

    static AbiValues values(List<AbiParam> params, TupleType<?> type, Tuple tuple) {
        Object[] out = new Object[tuple.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = convert(type.get(i), params.get(i).components(), tuple.get(i));
        }
        return new AbiValues(params, out);
    }

    static Object convert(ABIType<?> type, List<AbiParam> components, Object value) {
        return switch (type.typeCode()) {
            case ABIType.TYPE_CODE_INT -> BigInteger.valueOf((Integer) value);
            case ABIType.TYPE_CODE_LONG -> BigInteger.valueOf((Long) value);
            case ABIType.TYPE_CODE_ADDRESS -> address(((com.esaulpaugh.headlong.abi.Address) value).value());
            case ABIType.TYPE_CODE_ARRAY -> array(type.asArrayType(), components, value);
            case ABIType.TYPE_CODE_TUPLE -> values(components, type.asTupleType(), (Tuple) value);
            default -> value; // Boolean, BigInteger
        };
    }

    /** The 20 bytes of an address held as a number below 2^160. */
    static Address address(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[Address.LENGTH];
        int n = Math.min(raw.length, Address.LENGTH);
        System.arraycopy(raw, raw.length - n, out, Address.LENGTH - n, n);
        return new Address(out);
    }

    private static Object array(ArrayType<?, ?, ?> type, List<AbiParam> components, Object value) {
        if (type.isString()) {
            return value;
        }
        if (type.getElementType().typeCode() == ABIType.TYPE_CODE_BYTE) {
            return new Bytes((byte[]) value);
        }
        Object[] out = new Object[Array.getLength(value)];
        ABIType<?> element = type.getElementType();
        for (int i = 0; i < out.length; i++) {
            out[i] = convert(element, components, Array.get(value, i));
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }
}
