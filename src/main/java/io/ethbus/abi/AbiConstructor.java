package io.ethbus.abi;

import io.ethbus.primitives.Bytes;

import java.util.List;

/**
 * A contract's constructor: the arguments that follow the creation code in a deploy
 * transaction. A contract whose ABI has none gets the default one, without parameters.
 */
public final class AbiConstructor {
    private final ParamCodec inputs;
    private final boolean payable;

    AbiConstructor(ParamCodec inputs, boolean payable) {
        this.inputs = inputs;
        this.payable = payable;
    }

    /** The constructor arguments, in order, with their names. */
    public List<AbiParam> inputs() {
        return inputs.params();
    }

    /** True when the deploy transaction may carry value. */
    public boolean payable() {
        return payable;
    }

    /** The deploy transaction's input: {@code creationCode} followed by the encoded arguments. */
    public Bytes encodeDeploy(Bytes creationCode, Object... args) {
        return new Bytes(inputs.encode(creationCode.value(), args));
    }

    /** e.g. {@code constructor(string name, uint8 decimals)}. */
    @Override
    public String toString() {
        return "constructor" + Signatures.params(inputs()) + (payable ? " payable" : "");
    }
}
