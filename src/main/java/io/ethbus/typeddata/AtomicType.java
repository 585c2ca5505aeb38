package io.ethbus.typeddata;

import com.esaulpaugh.headlong.abi.ABIType;
import com.esaulpaugh.headlong.abi.TypeFactory;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hex;
import io.ethbus.primitives.Keccak;
import io.ethbus.rpc.EthbusException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An EIP-712 atomic or dynamic type ({@code uint8..uint256}, {@code int8..int256},
 * {@code bytes1..bytes32}, {@code address}, {@code bool}, {@code bytes}, {@code string}) and the
 * one 32-byte word a value of it encodes to: headlong's ABI word for integers, booleans and
 * bytesN (with its range and length checks), the Keccak-256 of the content for bytes and string.
 *
 * <p>Values as {@code eth_signTypedData_v4} JSON gives them, or their Java forms: integers as
 * {@link BigInteger}, {@link Long}, {@link Integer}, an integral {@link BigDecimal}, a decimal
 * string or 0x hex; addresses as {@link Address} or 0x hex (EIP-55 checked when mixed case);
 * bytes as {@link Bytes}, {@code byte[]} or 0x hex; bool as {@link Boolean}; string as {@link String}.
 */
final class AtomicType {
    private enum Kind { INTEGER, BOOL, FIXED_BYTES, ADDRESS, BYTES, STRING }

    private static final Map<String, AtomicType> ALL = all();

    private final String name;
    private final Kind kind;
    private final ABIType<Object> abi;

    private AtomicType(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
        this.abi = kind == Kind.INTEGER || kind == Kind.BOOL || kind == Kind.FIXED_BYTES ? TypeFactory.create(name) : null;
    }

    /** The atomic type called {@code name}, or null when it is not one (a struct, or unknown). */
    static AtomicType named(String name) {
        return ALL.get(name);
    }

    /** Writes the 32-byte word of {@code value} into {@code out}; {@code path} names it for errors. */
    void encode(Object value, ByteBuffer out, FieldPath path) {
        if (value == null) {
            throw new InvalidTypedDataException(path.toString(), "missing value for " + name);
        }
        switch (kind) {
            case ADDRESS -> {
                out.put(new byte[12]);
                out.put(address(value, path).value());
            }
            case BYTES -> out.put(Keccak.keccak256(bytes(value, path)));
            case STRING -> {
                if (!(value instanceof String s)) {
                    throw wrongKind(value, path, "a string");
                }
                out.put(Keccak.keccak256(s.getBytes(StandardCharsets.UTF_8)));
            }
            case BOOL -> {
                if (!(value instanceof Boolean)) {
                    throw wrongKind(value, path, "true or false");
                }
                abi.encode(value, out);
            }
            case FIXED_BYTES -> headlong(bytes(value, path), out, path);
            case INTEGER -> headlong(integer(value, path), out, path);
        }
    }

    private void headlong(Object value, ByteBuffer out, FieldPath path) {
        try {
            abi.encode(value, out);
        } catch (IllegalArgumentException e) {
            throw new InvalidTypedDataException(path.toString(), "value out of range for " + name + ": " + describe(value)
                    + " (" + e.getMessage() + ")");
        }
    }

    /** The integer in the Java class headlong keeps for this width: Integer, Long or BigInteger. */
    private Object integer(Object value, FieldPath path) {
        BigInteger big = toBigInteger(value, path);
        Class<?> clazz = abi.clazz();
        if (clazz == BigInteger.class) {
            return big;
        }
        int limit = clazz == Integer.class ? 31 : 63;
        if (big.bitLength() > limit) {
            throw new InvalidTypedDataException(path.toString(), "value out of range for " + name + ": " + big);
        }
        return clazz == Integer.class ? (Object) big.intValue() : (Object) big.longValue();
    }

    BigInteger toBigInteger(Object value, FieldPath path) {
        if (value instanceof BigInteger b) {
            return b;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigInteger.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigDecimal written) {
            // Checked on scale and precision before converting: 1e999999999 would otherwise build a
            // billion-digit integer, and 1e-999999999 divide by one.
            BigDecimal d = written.stripTrailingZeros();
            if (d.scale() > 0) {
                throw new InvalidTypedDataException(path.toString(), name + " takes a whole number, got " + excerpt(written.toString()));
            }
            if (d.scale() < -78 || d.precision() - d.scale() > 78) {
                throw new InvalidTypedDataException(path.toString(), "value out of range for " + name + ": " + excerpt(written.toString()));
            }
            return d.toBigIntegerExact();
        }
        if (value instanceof String s) {
            try {
                if (s.startsWith("0x") || s.startsWith("0X")) {
                    return Hex.toBigInteger(s);
                }
                if (!s.isEmpty() && s.length() <= 80 && s.chars().skip(s.charAt(0) == '-' ? 1 : 0).allMatch(c -> c >= '0' && c <= '9')) {
                    return new BigInteger(s);
                }
            } catch (EthbusException | NumberFormatException e) {
                if (s.length() > 2 && s.chars().skip(2).allMatch(c -> Character.digit(c, 16) >= 0)) {
                    // well-formed hex that Hex refuses is wider than 256 bits
                    throw new InvalidTypedDataException(path.toString(), "value out of range for " + name + ": " + excerpt(s));
                }
            }
            throw new InvalidTypedDataException(path.toString(), name + " takes a number, a decimal string or 0x hex, got \"" + excerpt(s) + "\"");
        }
        throw wrongKind(value, path, "a number");
    }

    static Address address(Object value, FieldPath path) {
        if (value instanceof Address a) {
            return a;
        }
        if (!(value instanceof String hex)) {
            throw new InvalidTypedDataException(path.toString(), "an address is 0x and 40 hex digits, got " + value.getClass().getSimpleName());
        }
        try {
            return Address.of(hex); // EIP-55 checked when the case is mixed
        } catch (EthbusException e) {
            throw new InvalidTypedDataException(path.toString(), "bad address: " + e.getMessage());
        }
    }

    byte[] bytes(Object value, FieldPath path) {
        if (value instanceof Bytes b) {
            return b.value();
        }
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof String s) {
            try {
                return Hex.decode(s);
            } catch (EthbusException e) {
                throw new InvalidTypedDataException(path.toString(), name + " takes 0x hex: " + e.getMessage());
            }
        }
        throw wrongKind(value, path, "0x hex");
    }

    private InvalidTypedDataException wrongKind(Object value, FieldPath path, String expected) {
        return new InvalidTypedDataException(path.toString(), name + " takes " + expected + ", got " + value.getClass().getSimpleName());
    }

    private static String describe(Object value) {
        return value instanceof byte[] b ? b.length + " bytes" : value.toString();
    }

    private static String excerpt(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static Map<String, AtomicType> all() {
        Map<String, AtomicType> all = new HashMap<>();
        for (int bits = 8; bits <= 256; bits += 8) {
            all.put("uint" + bits, new AtomicType("uint" + bits, Kind.INTEGER));
            all.put("int" + bits, new AtomicType("int" + bits, Kind.INTEGER));
        }
        for (int n = 1; n <= 32; n++) {
            all.put("bytes" + n, new AtomicType("bytes" + n, Kind.FIXED_BYTES));
        }
        all.put("address", new AtomicType("address", Kind.ADDRESS));
        all.put("bool", new AtomicType("bool", Kind.BOOL));
        all.put("bytes", new AtomicType("bytes", Kind.BYTES));
        all.put("string", new AtomicType("string", Kind.STRING));
        return Map.copyOf(all);
    }
}
