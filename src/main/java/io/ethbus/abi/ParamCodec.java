package io.ethbus.abi;

import com.esaulpaugh.headlong.abi.ABIType;
import com.esaulpaugh.headlong.abi.ArrayType;
import com.esaulpaugh.headlong.abi.Tuple;
import com.esaulpaugh.headlong.abi.TupleType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One parameter list (the inputs or outputs of a function, the fields of an event or error)
 * with its headlong types: converts Java arguments in, decoded values out, and turns every
 * failure into an {@link AbiException} or {@link AbiDecodingException} that names its owner.
 */
final class ParamCodec {
    private static final Pattern ADDRESS = Pattern.compile("\\baddress\\b");

    private final String owner;
    private final List<AbiParam> params;
    private final TupleType<Tuple> types;
    /** {@link #types} with uint160 in place of address: what arguments are encoded with. */
    private final TupleType<Tuple> wire;

    private ParamCodec(String owner, List<AbiParam> params, TupleType<Tuple> types, TupleType<Tuple> wire) {
        this.owner = owner;
        this.params = params;
        this.types = types;
        this.wire = wire;
    }

    /** The list of {@code types}; {@code indexed} flags event parameters, null otherwise. */
    @SuppressWarnings("unchecked")
    static ParamCodec of(String owner, TupleType<?> anyTypes, boolean[] indexed) {
        TupleType<Tuple> types = (TupleType<Tuple>) anyTypes;
        String canonical = types.getCanonicalType();
        TupleType<Tuple> wire = canonical.contains("address")
                ? TupleType.parse(ADDRESS.matcher(canonical).replaceAll("uint160")) : types;
        return new ParamCodec(owner, params(types, indexed), types, wire);
    }

    private static List<AbiParam> params(TupleType<?> types, boolean[] indexed) {
        List<AbiParam> out = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            ABIType<?> type = types.get(i);
            ABIType<?> base = ArrayType.baseType(type);
            List<AbiParam> components = base.typeCode() == ABIType.TYPE_CODE_TUPLE
                    ? params(base.asTupleType(), null) : List.of();
            out.add(new AbiParam(types.getElementName(i), type.getCanonicalType(), indexed != null && indexed[i], components));
        }
        return List.copyOf(out);
    }

    List<AbiParam> params() {
        return params;
    }

    TupleType<Tuple> types() {
        return types;
    }

    /** The arguments as a tuple of the wire types; {@link AbiException} naming the argument otherwise. */
    Tuple arguments(Object[] args) {
        if (args == null) {
            args = new Object[0];
        }
        if (args.length != params.size()) {
            throw new AbiException(owner + ": expected " + params.size() + " argument" + (params.size() == 1 ? "" : "s")
                    + " " + params + ", got " + args.length);
        }
        Object[] out = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            AbiParam param = params.get(i);
            try {
                out[i] = HeadlongArguments.convert(types.get(i), wire.get(i), param.components(), args[i]);
            } catch (ArgumentMismatch m) {
                throw new AbiException(owner + ": argument " + i + (param.name().isEmpty() ? "" : " (" + param.name() + ")")
                        + m.location() + ": " + m.reason());
            }
        }
        return Tuple.from(out);
    }

    /** {@code prefix} followed by the encoded arguments. */
    byte[] encode(byte[] prefix, Object[] args) {
        Tuple tuple = arguments(args);
        try {
            // One validating pass (encode); measuring first and encoding into place would validate twice.
            ByteBuffer encoded = wire.encode(tuple);
            byte[] out = new byte[prefix.length + encoded.limit()];
            System.arraycopy(prefix, 0, out, 0, prefix.length);
            System.arraycopy(encoded.array(), 0, out, prefix.length, encoded.limit());
            return out;
        } catch (RuntimeException e) {
            throw new AbiException(owner + ": arguments do not encode: " + reason(e), e);
        }
    }

    /** Decodes the {@code length} bytes of {@code data} from {@code offset}, which must hold exactly these values. */
    AbiValues decode(byte[] data, int offset, int length, String what) {
        try {
            ByteBuffer in = ByteBuffer.wrap(data, offset, length);
            Tuple tuple = types.decode(in);
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes past the values");
            }
            return HeadlongResults.values(params, types, tuple);
        } catch (RuntimeException e) {
            throw decodingFailure(what, length, e);
        }
    }

    AbiDecodingException decodingFailure(String what, int length, RuntimeException e) {
        return new AbiDecodingException(owner + ": " + what + " of " + length + " bytes does not decode: " + reason(e), e);
    }

    /** Headlong's message, or the exception's name when it has none (buffer underflow). */
    static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
