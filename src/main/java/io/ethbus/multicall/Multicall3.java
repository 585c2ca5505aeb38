package io.ethbus.multicall;

import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.AbiFunction;
import io.ethbus.abi.AbiValues;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;

import java.util.ArrayList;
import java.util.List;

/**
 * The Multicall3 contract's {@code aggregate3}: where it lives on nearly every chain, the call
 * data of a list of {@link Call3}, and the decoding of what it returns. Stateless.
 */
public final class Multicall3 {
    /** Where Multicall3 is deployed on mainnet and on nearly every other chain. */
    public static final Address CANONICAL_ADDRESS = Address.ofAnyCase("0xcA11bde05977b3631167028862bE2a173976CA11");

    /** ABI-encoding overhead of one call beyond its call data: tuple offset, target, flag, offset, length, padding. */
    public static final int CALL_OVERHEAD_BYTES = 6 * 32;

    private static final AbiFunction AGGREGATE3 = Abi.parse(
            "function aggregate3((address target, bool allowFailure, bytes callData)[] calls) payable"
                    + " returns ((bool success, bytes returnData)[] returnData)")
            .function("aggregate3");

    private Multicall3() {
    }

    /** The call data of {@code aggregate3(calls)}. */
    public static Bytes encode(List<Call3> calls) {
        List<Object[]> tuples = new ArrayList<>(calls.size());
        for (Call3 call : calls) {
            tuples.add(new Object[] {call.target(), call.allowFailure(), call.callData()});
        }
        return AGGREGATE3.encodeCall(tuples);
    }

    /**
     * The results in {@code returned}, one per call sent; {@link AbiDecodingException} when it
     * does not decode or holds another number of results than {@code expected} (an address
     * without Multicall3's code answers an empty success, for instance).
     */
    public static List<Call3Result> decode(Bytes returned, int expected) {
        List<Object> results = AGGREGATE3.decodeReturn(returned).getList(0);
        if (results.size() != expected) {
            throw new AbiDecodingException(AGGREGATE3.signature() + ": " + results.size() + " results for "
                    + expected + " calls");
        }
        List<Call3Result> out = new ArrayList<>(results.size());
        for (Object result : results) {
            AbiValues r = (AbiValues) result;
            out.add(new Call3Result(r.getBoolean(0), r.getBytes(1)));
        }
        return out;
    }
}
