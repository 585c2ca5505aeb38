package io.ethbus.eth;

import io.ethbus.primitives.Bytes;
import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.rpc.MalformedResponseException;

import java.math.BigInteger;
import java.util.List;

/**
 * The outcome of one call of an eth_simulateV1 block: {@code status} 1 for success and 0 for
 * a revert or failure, when {@code error} says why (its {@code data} holds the revert data).
 */
public record SimulatedCall(int status, Bytes returnData, BigInteger gasUsed, List<Log> logs, Failure error) {
    public SimulatedCall {
        logs = List.copyOf(logs);
    }

    /** Why a simulated call failed: the node's code and message, and the revert data when there is some. */
    public record Failure(long code, String message, Bytes data) {
    }

    /** Decodes an element of a simulated block's {@code calls}. */
    public static SimulatedCall fromJson(JsonNode node) {
        JsonFields f = JsonFields.of(node, "simulatedCall");
        JsonNode error = f.optional("error");
        return new SimulatedCall(
                f.intQuantity("status"),
                f.bytes("returnData"),
                f.quantity("gasUsed"),
                f.objects("logs", Log::fromJson),
                error == null ? null : failure(error, f.path("error")));
    }

    /** True when the call succeeded. */
    public boolean succeeded() {
        return status == 1;
    }

    private static Failure failure(JsonNode node, String path) {
        JsonFields f = JsonFields.of(node, path);
        JsonNode code = f.optional("code");
        JsonNode message = f.optional("message");
        if (code == null || !code.canConvertToLong() || !code.isIntegralNumber()) {
            throw new MalformedResponseException(null, null, path + ".code must be an integer, got " + code);
        }
        if (message == null || !message.isTextual()) {
            throw new MalformedResponseException(null, null, path + ".message must be a string, got " + message);
        }
        return new Failure(code.longValue(), message.textValue(), f.optBytes("data"));
    }
}
