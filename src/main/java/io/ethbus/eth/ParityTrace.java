package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.MalformedResponseException;

import java.math.BigInteger;
import java.util.List;

/**
 * One flat trace of the parity-style trace API ({@code trace_block}, {@code trace_transaction}):
 * a call frame without nesting, placed by {@code traceAddress} (the indices of the frames
 * above it; empty for the transaction's own call). The node's {@code action} and
 * {@code result} are read into the fields a {@link CallFrame} has: {@code to} is the created
 * contract for a creation and the beneficiary for a self-destruct; {@code input} the init code
 * for a creation; {@code output} the deployed code for a creation. {@code type} is null for
 * a block reward trace (which has no transaction).
 */
public record ParityTrace(
        CallType type,
        Address from,
        Address to,
        BigInteger value,
        Long gas,
        Long gasUsed,
        Bytes input,
        Bytes output,
        String error,
        List<Integer> traceAddress,
        int subtraces,
        Hash transactionHash,
        Long transactionPosition,
        Long blockNumber,
        Hash blockHash) {
    public ParityTrace {
        traceAddress = List.copyOf(traceAddress);
    }

    /** Decodes one trace object. */
    public static ParityTrace fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "trace");
        String kind = f.optText("type");
        if (kind == null) {
            throw new MalformedResponseException(null, null, "trace has no 'type'");
        }
        JsonFields action = JsonFields.of(f.optional("action"), "trace.action");
        JsonNode resultNode = f.optional("result");
        JsonFields result = resultNode == null ? null : JsonFields.of(resultNode, "trace.result");
        List<Integer> traceAddress = JsonFields.array(node.path("traceAddress"), "trace.traceAddress",
                (e, p) -> {
                    if (!e.canConvertToInt()) {
                        throw new MalformedResponseException(null, null, p + " must be a number");
                    }
                    return e.intValue();
                });
        CallType type;
        Address from;
        Address to;
        BigInteger value;
        Bytes input;
        Bytes output = result == null ? null : result.optBytes("output");
        switch (kind) {
            case "call" -> {
                type = CallType.of(action.optText("callType"));
                from = action.address("from");
                to = action.optAddress("to");
                value = action.optQuantity("value");
                input = action.optBytes("input");
            }
            case "create" -> {
                String method = action.optText("creationMethod");
                type = method == null ? CallType.CREATE : CallType.of(method);
                from = action.address("from");
                to = result == null ? null : result.optAddress("address");
                value = action.optQuantity("value");
                input = action.optBytes("init");
                output = result == null ? null : result.optBytes("code");
            }
            case "suicide", "selfdestruct" -> {
                type = CallType.SELFDESTRUCT;
                from = action.address("address");
                to = action.optAddress("refundAddress");
                value = action.optQuantity("balance");
                input = null;
            }
            default -> { // "reward" and kinds to come: no frame
                type = null;
                from = action.optAddress("author");
                to = null;
                value = action.optQuantity("value");
                input = null;
            }
        }
        return new ParityTrace(type, from, to, value, action.optLong("gas"),
                result == null ? null : result.optLong("gasUsed"), input, output, f.optText("error"), traceAddress,
                node.path("subtraces").asInt(0), f.optHash("transactionHash"),
                f.optLongQuantityOrNumber("transactionPosition"), f.optLongQuantityOrNumber("blockNumber"),
                f.optHash("blockHash"));
    }
}
