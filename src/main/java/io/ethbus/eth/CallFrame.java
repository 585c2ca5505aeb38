package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.JsonCursor;
import io.ethbus.rpc.MalformedResponseException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * One frame of geth's {@code callTracer}: a call, creation or self-destruct with the frames
 * it made, nested in {@link #calls}. {@code to} is the created contract for CREATE/CREATE2
 * and the beneficiary for SELFDESTRUCT; {@code output} is the deployed code for a creation.
 * {@code value} is null where the node sends none (STATICCALL, DELEGATECALL); {@code error}
 * and {@code revertReason} are null when the frame succeeded.
 */
public record CallFrame(
        CallType type,
        Address from,
        Address to,
        BigInteger value,
        long gas,
        long gasUsed,
        Bytes input,
        Bytes output,
        String error,
        String revertReason,
        List<CallFrame> calls) {
    /** Every member {@link #fromFields} reads; {@code calls} is read by the caller of it. */
    private static final RecordMembers MEMBERS = RecordMembers.of("callFrame",
            "type", "from", "to", "value", "gas", "gasUsed", "input", "output", "error", "revertReason", "calls");

    public CallFrame {
        calls = calls == null ? List.of() : List.copyOf(calls);
    }

    /** Decodes a frame and its nested frames from a tree. */
    public static CallFrame fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "callFrame");
        return fromFields(f, f.optObjects("calls", CallFrame::fromJson));
    }

    /** Reads a frame and its nested frames straight off {@code c}, as {@link #fromJson} reads its tree. */
    static CallFrame read(JsonCursor c) {
        List<CallFrame> calls = new ArrayList<>();
        JsonFields f = MEMBERS.read(c, "calls", nested -> {
            if (nested.peek() == 'n') {
                nested.skipValue();
                return;
            }
            if (nested.peek() != '[') {
                throw new MalformedResponseException(null, null, "callFrame.calls must be an array, got "
                        + JsonCursor.kind(nested.peek()));
            }
            nested.next();
            for (boolean first = true; nested.nextElement(first); first = false) {
                calls.add(read(nested));
            }
        });
        return fromFields(f, calls);
    }

    private static CallFrame fromFields(JsonFields f, List<CallFrame> calls) {
        String type = f.optText("type");
        if (type == null) {
            throw new MalformedResponseException(null, null, "callFrame has no 'type'");
        }
        Bytes input = f.optBytes("input");
        return new CallFrame(
                CallType.of(type),
                f.address("from"),
                f.optAddress("to"),
                f.optQuantity("value"),
                f.longQuantity("gas"),
                f.longQuantity("gasUsed"),
                input == null ? Bytes.EMPTY : input,
                f.optBytes("output"),
                f.optText("error"),
                f.optText("revertReason"),
                calls);
    }
}
