package io.ethbus.abi;

import com.esaulpaugh.headlong.abi.Function;
import io.ethbus.primitives.Bytes;

import java.util.Arrays;
import java.util.List;

/**
 * A contract function: its selector, its parameters, and the encoding of calls and decoding of
 * what they return. Immutable and thread-safe.
 *
 * <pre>
 * AbiFunction transfer = abi.function("transfer");
 * Bytes input = transfer.encodeCall(to, BigInteger.TEN);
 * AbiValues out = abi.function("balanceOf").decodeReturn(returned);
 * </pre>
 */
public final class AbiFunction {
    private final Function function;
    private final byte[] selector;
    private final ParamCodec inputs;
    private final ParamCodec outputs;

    AbiFunction(Function function) {
        this.function = function;
        this.selector = function.selector();
        String signature = function.getCanonicalSignature();
        this.inputs = ParamCodec.of(signature, function.getInputs(), null);
        this.outputs = ParamCodec.of(signature, function.getOutputs(), null);
    }

    /** The function's name, e.g. {@code transfer}. */
    public String name() {
        return function.getName();
    }

    /** The canonical signature the selector hashes, e.g. {@code transfer(address,uint256)}. */
    public String signature() {
        return function.getCanonicalSignature();
    }

    /** The first 4 bytes of the Keccak-256 hash of the signature, e.g. {@code 0xa9059cbb}. */
    public Bytes selector() {
        return new Bytes(selector);
    }

    /** The parameters, in order, with their names. */
    public List<AbiParam> inputs() {
        return inputs.params();
    }

    /** The return values, in order, with their names. */
    public List<AbiParam> outputs() {
        return outputs.params();
    }

    /** {@code pure}, {@code view}, {@code nonpayable} or {@code payable}. */
    public String stateMutability() {
        return function.getStateMutability() == null ? "nonpayable" : function.getStateMutability();
    }

    /** True for a {@code view} or {@code pure} function: read with eth_call, no transaction. */
    public boolean isReadOnly() {
        String m = stateMutability();
        return m.equals("view") || m.equals("pure");
    }

    /**
     * The call data: selector and encoded arguments. The Java types each ABI type takes are
     * listed in {@link AbiParam#javaType()}; also accepted: Long/Integer for integers, a 0x String
     * for address and bytes, Object[] for arrays and tuples, a record for a tuple.
     * Throws {@link AbiException} naming the argument when one does not fit.
     */
    public Bytes encodeCall(Object... args) {
        return new Bytes(inputs.encode(selector, args));
    }

    /** Decodes the data a call returned; {@link AbiDecodingException} when it does not decode. */
    public AbiValues decodeReturn(Bytes data) {
        byte[] d = data.value();
        return outputs.decode(d, 0, d.length, "return data");
    }

    /** Decodes call data (selector and arguments) back into the arguments. */
    public AbiValues decodeCall(Bytes callData) {
        byte[] d = callData.value();
        if (d.length < selector.length || !Arrays.equals(d, 0, selector.length, selector, 0, selector.length)) {
            throw new AbiDecodingException(signature() + ": call data does not start with the selector " + selector());
        }
        return inputs.decode(d, selector.length, d.length - selector.length, "call data");
    }

    /** e.g. {@code function balanceOf(address owner) view returns (uint256)}. */
    @Override
    public String toString() {
        return "function " + name() + Signatures.params(inputs()) + (stateMutability().equals("nonpayable") ? "" : " " + stateMutability())
                + (outputs().isEmpty() ? "" : " returns " + Signatures.params(outputs()));
    }
}
