package io.ethbus.abi;

import com.esaulpaugh.headlong.abi.ContractError;
import com.esaulpaugh.headlong.abi.Function;
import io.ethbus.primitives.Bytes;

import java.util.Arrays;
import java.util.List;

/**
 * A custom error a contract can revert with, e.g.
 * {@code error InsufficientBalance(uint256 available, uint256 required)}: revert data is its
 * 4-byte selector followed by its encoded arguments, as for a call.
 */
public final class AbiError {
    private final String name;
    private final String signature;
    private final byte[] selector;
    private final ParamCodec inputs;

    AbiError(ContractError<?> error) {
        Function function = error.function();
        this.name = error.getName();
        this.signature = error.getCanonicalSignature();
        this.selector = function.selector();
        this.inputs = ParamCodec.of(signature, error.getInputs(), null);
    }

    /** The error's name, e.g. {@code InsufficientBalance}. */
    public String name() {
        return name;
    }

    /** e.g. {@code InsufficientBalance(uint256,uint256)}. */
    public String signature() {
        return signature;
    }

    /** The first 4 bytes of the Keccak-256 hash of the signature, with which revert data starts. */
    public Bytes selector() {
        return new Bytes(selector);
    }

    /** The arguments, in order, with their names. */
    public List<AbiParam> inputs() {
        return inputs.params();
    }

    /** True when {@code revertData} starts with this error's selector. */
    public boolean matches(Bytes revertData) {
        byte[] d = revertData.value();
        return d.length >= selector.length && Arrays.equals(d, 0, selector.length, selector, 0, selector.length);
    }

    /** The revert data this error with these arguments makes, as a contract would. */
    public Bytes encode(Object... args) {
        return new Bytes(inputs.encode(selector, args));
    }

    /** The arguments in {@code revertData}; {@link AbiDecodingException} when it is not this error. */
    public AbiValues decode(Bytes revertData) {
        if (!matches(revertData)) {
            throw new AbiDecodingException(signature + ": revert data does not start with the selector " + selector());
        }
        byte[] d = revertData.value();
        return inputs.decode(d, selector.length, d.length - selector.length, "revert data");
    }

    /** e.g. {@code error InsufficientBalance(uint256 available, uint256 required)}. */
    @Override
    public String toString() {
        return "error " + name + Signatures.params(inputs());
    }
}
