package io.ethbus.abi;

import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;

import java.math.BigInteger;
import java.util.List;

/**
 * One parameter of a function, constructor, event or error.
 *
 * @param name       the name from the ABI, empty when it has none
 * @param type       the canonical type, e.g. {@code uint256}, {@code (address,uint256)[]}
 * @param indexed    true for an indexed event parameter (carried in a topic)
 * @param components the members of a tuple, or of the tuples in an array of tuples; empty otherwise
 */
public record AbiParam(String name, String type, boolean indexed, List<AbiParam> components) {
    public AbiParam {
        name = name == null ? "" : name;
        components = List.copyOf(components);
    }

    /**
     * True when the value is carried in its topic only as its Keccak hash: an indexed string,
     * bytes, array or tuple. Such a parameter decodes to a {@link Hash}.
     */
    public boolean hashedInTopic() {
        return indexed && (type.equals("string") || type.equals("bytes") || type.endsWith("]") || type.startsWith("("));
    }

    /**
     * The Java type this parameter decodes to, and the main type it is encoded from:
     * {@link BigInteger} for every int/uint width, {@link Address}, {@link Boolean}, {@link Bytes}
     * for bytes and bytesN, {@link String}, {@link List} for arrays, {@link AbiValues} for tuples,
     * and {@link Hash} for an indexed parameter that is {@linkplain #hashedInTopic() hashed}.
     */
    public Class<?> javaType() {
        if (hashedInTopic()) {
            return Hash.class;
        }
        if (type.endsWith("]")) {
            return List.class;
        }
        if (type.startsWith("(")) {
            return AbiValues.class;
        }
        if (type.equals("address")) {
            return Address.class;
        }
        if (type.equals("bool")) {
            return Boolean.class;
        }
        if (type.equals("string")) {
            return String.class;
        }
        if (type.startsWith("bytes")) {
            return Bytes.class;
        }
        return BigInteger.class;
    }

    /** {@code type name}, or the type alone for an unnamed parameter. */
    @Override
    public String toString() {
        return (indexed ? type + " indexed" : type) + (name.isEmpty() ? "" : " " + name);
    }
}
