package io.ethbus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.InvalidAddressException;
import io.ethbus.primitives.InvalidHexException;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.InvalidRequestException;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.RpcException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How failures cross the event bus: the one table of ethbus's exception types and their wire
 * form ({@link #TYPES}). A JSON-RPC error keeps the node's code, message and data. An ethbus
 * error travels with its code and, in an error object, {@code "data": {"ethbusError": NAME}},
 * so that the caller's side rebuilds the same exception type:
 * <ul>
 *   <li>-32602 (JSON-RPC "invalid params") for a request refused on the node: {@code invalid_address}
 *       ({@code InvalidAddressException}), {@code invalid_hex} ({@code InvalidHexException}),
 *       {@code invalid_request} ({@code InvalidRequestException}). Their code alone does not tell
 *       them from a node's own -32602, so they always travel as an error object, also for a single
 *       call (a caller that sent a JSON object or string sees the code and message on the failed
 *       message, as for any node error);</li>
 *   <li>-39001 timeout, -39002 connection, -39003 malformed answer, -39004 answer or request body above its
 *       ceiling (message "WHAT exceeds LIMIT bytes (stopped after SEEN): ADVICE"), -39005 reply stream gone
 *       (released, or never opened), -39000 any other;</li>
 *   <li>-40000 - status for an HTTP status from the node (-40429 for 429).</li>
 * </ul>
 * A single call that fails with one of the last two groups fails the reply message with the code;
 * an item of a batch carries the error object in its place, the other items their answers.
 */
public final class EventBusErrors {
    public static final int TIMEOUT = -39001;
    public static final int CONNECTION = -39002;
    public static final int MALFORMED = -39003;
    public static final int PAYLOAD_TOO_LARGE = -39004;
    public static final int STREAM_GONE = -39005;
    public static final int OTHER = -39000;
    public static final int HTTP_STATUS_BASE = -40000;
    /** JSON-RPC: the params of the request cannot be right (a bad address, bad hex, another chain). */
    public static final int INVALID_PARAMS = -32602;
    /** The member of an error's {@code data} object that names the ethbus exception type. */
    public static final String TYPE_MEMBER = "ethbusError";
    /** "WHAT exceeds LIMIT bytes (stopped after SEEN): ADVICE", the form of {@link PayloadTooLargeException#reason()}. */
    private static final Pattern TOO_LARGE = Pattern.compile(
            "(?s)(\\S[^:]*?)?\\s*exceeds (\\d+) bytes \\(stopped after (-?\\d+)\\)(?::\\s*(.*))?");

    /** JSON-RPC: the request on the bus was not valid JSON. */
    public static final int PARSE_ERROR = -32700;
    /** JSON-RPC: the request on the bus was JSON but not a request. */
    public static final int INVALID_REQUEST = -32600;

    /** Rebuilds an exception on the caller's side from what crossed the bus. */
    @FunctionalInterface
    private interface Rebuild {
        EthbusException of(String method, String endpoint, int code, String message, Duration timeout, Throwable cause);
    }

    /**
     * One exception type on the wire.
     *
     * @param name     its name in {@code data.ethbusError}
     * @param answered true when it always travels as an error object (its code is a JSON-RPC one)
     */
    private record WireType(String name, Class<? extends EthbusException> type, int code, boolean answered,
                            Rebuild rebuild) {
    }

    /** The table, most specific types first; the last row takes every other ethbus error. */
    private static final List<WireType> TYPES = List.of(
            new WireType("invalid_address", InvalidAddressException.class, INVALID_PARAMS, true,
                    (m, e, c, message, t, cause) -> new InvalidAddressException(message)),
            new WireType("invalid_hex", InvalidHexException.class, INVALID_PARAMS, true,
                    (m, e, c, message, t, cause) -> new InvalidHexException(message)),
            new WireType("invalid_request", InvalidRequestException.class, INVALID_PARAMS, true,
                    (m, e, c, message, t, cause) -> new InvalidRequestException(m, e, message)),
            new WireType("timeout", ProviderTimeoutException.class, TIMEOUT, false,
                    (m, e, c, message, t, cause) -> new ProviderTimeoutException(m, e, t, cause)),
            new WireType("connection", ProviderConnectionException.class, CONNECTION, false,
                    (m, e, c, message, t, cause) -> new ProviderConnectionException(m, e, message, cause)),
            new WireType("malformed", MalformedResponseException.class, MALFORMED, false,
                    (m, e, c, message, t, cause) -> new MalformedResponseException(m, e, message, cause)),
            new WireType("payload_too_large", PayloadTooLargeException.class, PAYLOAD_TOO_LARGE, false,
                    (m, e, c, message, t, cause) -> tooLarge(m, e, message)),
            new WireType("http_status", HttpStatusException.class, HTTP_STATUS_BASE, false,
                    (m, e, c, message, t, cause) -> new HttpStatusException(m, e, HTTP_STATUS_BASE - c, null, message)),
            new WireType("other", EthbusException.class, OTHER, false,
                    (m, e, c, message, t, cause) -> new EthbusException(m, e, message, cause)));

    private EventBusErrors() {
    }

    /** The failure code for an error met on the node side. */
    public static int codeOf(Throwable error) {
        if (error instanceof RpcException rpc) {
            return rpc.code();
        } else if (error instanceof HttpStatusException http) {
            return HTTP_STATUS_BASE - http.status();
        }
        return wireTypeOf(error).code();
    }

    /** The failure message for an error met on the node side. */
    public static String messageOf(Throwable error) {
        if (error instanceof RpcException rpc) {
            return rpc.rpcMessage();
        } else if (error instanceof PayloadTooLargeException tooLarge) {
            return tooLarge.reason(); // "WHAT exceeds LIMIT bytes (stopped after SEEN): ADVICE", parsed back by tooLarge()
        } else if (error instanceof EthbusException e && wireTypeOf(e).answered()) {
            return e.reason(); // rebuilt from the message alone: the caller adds its own method and endpoint
        }
        return error.getMessage() == null ? error.toString() : error.getMessage();
    }

    /** The JSON-RPC error object an error met on the node side is written as: code, message and its type. */
    public static RpcError errorOf(Throwable error) {
        if (error instanceof RpcException rpc) {
            return rpc.error();
        }
        return new RpcError(codeOf(error), messageOf(error),
                JsonRpcCodec.mapper().createObjectNode().put(TYPE_MEMBER, wireTypeOf(error).name()));
    }

    /** True when a single call failing with {@code error} is answered with an error object, not a failed message. */
    public static boolean answeredAsError(Throwable error) {
        return !(error instanceof RpcException) && wireTypeOf(error).answered();
    }

    /**
     * The typed exception an error object from the node stands for, or null when it is the
     * node's own JSON-RPC error (no {@code data.ethbusError}, or a name this side does not know).
     */
    public static EthbusException typedException(RpcError error, String method, String endpoint, Duration timeout) {
        JsonNode data = error.data();
        JsonNode name = data == null ? null : data.get(TYPE_MEMBER);
        if (name == null || !name.isTextual()) {
            return null;
        }
        for (WireType w : TYPES) {
            if (w.name().equals(name.asText())) {
                return w.rebuild().of(method, endpoint, error.code(), error.message(), timeout, null);
            }
        }
        return null;
    }

    /** Rebuilds, on the caller's side, the typed exception a failed reply stands for. */
    public static EthbusException toException(Throwable failure, String method, String endpoint, Duration timeout) {
        if (!(failure instanceof ReplyException reply)) {
            return failure instanceof EthbusException e ? e
                    : new ProviderConnectionException(method, endpoint, String.valueOf(failure.getMessage()), failure);
        }
        if (reply.failureType() == ReplyFailure.TIMEOUT) {
            return new ProviderTimeoutException(method, endpoint, timeout, reply);
        }
        if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
            return new ProviderConnectionException(method, endpoint, "no node verticle serves " + endpoint, reply);
        }
        int code = reply.failureCode();
        // a reply stream that is gone is a lost connection to the caller
        int typeCode = code == STREAM_GONE ? CONNECTION
                : code <= HTTP_STATUS_BASE - 100 && code > HTTP_STATUS_BASE - 600 ? HTTP_STATUS_BASE : code;
        for (WireType w : TYPES) {
            // answered types share the node's JSON-RPC codes: on a failed message the code is the node's
            if (!w.answered() && w.code() == typeCode) {
                return w.rebuild().of(method, endpoint, code, reply.getMessage(), timeout, reply);
            }
        }
        return new RpcException(method, endpoint, new RpcError(code, reply.getMessage()));
    }

    private static WireType wireTypeOf(Throwable error) {
        for (WireType w : TYPES) {
            if (w.type().isInstance(error)) {
                return w;
            }
        }
        return TYPES.get(TYPES.size() - 1);
    }

    private static PayloadTooLargeException tooLarge(String method, String endpoint, String message) {
        Matcher m = TOO_LARGE.matcher(String.valueOf(message));
        if (!m.find()) {
            return new PayloadTooLargeException(method, endpoint, -1, -1);
        }
        String what = m.group(1) == null ? "answer" : m.group(1).trim();
        return new PayloadTooLargeException(method, endpoint, Long.parseLong(m.group(3)), Long.parseLong(m.group(2)),
                what, m.group(4));
    }
}
