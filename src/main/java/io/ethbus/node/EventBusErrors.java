package io.ethbus.node;

import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.RpcException;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How failures cross the event bus. A JSON-RPC error keeps the node's code and message;
 * ethbus's own errors use codes outside the JSON-RPC ranges so the caller's side can
 * rebuild the same exception type:
 * <ul>
 *   <li>-39001 timeout, -39002 connection, -39003 malformed answer, -39004 answer above the
 *       ceiling (message "answer exceeds LIMIT bytes (stopped after SEEN)"), -39005 reply stream gone
 *       (released, or never opened), -39000 any other;</li>
 *   <li>-40000 - status for an HTTP status from the node (-40429 for 429).</li>
 * </ul>
 */
public final class EventBusErrors {
    public static final int TIMEOUT = -39001;
    public static final int CONNECTION = -39002;
    public static final int MALFORMED = -39003;
    public static final int PAYLOAD_TOO_LARGE = -39004;
    public static final int STREAM_GONE = -39005;
    public static final int OTHER = -39000;
    public static final int HTTP_STATUS_BASE = -40000;
    private static final Pattern TOO_LARGE = Pattern.compile("exceeds (\\d+) bytes \\(stopped after (\\d+)\\)");

    /** JSON-RPC: the request on the bus was not valid JSON. */
    public static final int PARSE_ERROR = -32700;
    /** JSON-RPC: the request on the bus was JSON but not a request. */
    public static final int INVALID_REQUEST = -32600;

    private EventBusErrors() {
    }

    /** The failure code for an error met on the node side. */
    public static int codeOf(Throwable error) {
        if (error instanceof RpcException rpc) {
            return rpc.code();
        } else if (error instanceof ProviderTimeoutException) {
            return TIMEOUT;
        } else if (error instanceof ProviderConnectionException) {
            return CONNECTION;
        } else if (error instanceof MalformedResponseException) {
            return MALFORMED;
        } else if (error instanceof HttpStatusException http) {
            return HTTP_STATUS_BASE - http.status();
        } else if (error instanceof PayloadTooLargeException) {
            return PAYLOAD_TOO_LARGE;
        }
        return OTHER;
    }

    /** The failure message for an error met on the node side. */
    public static String messageOf(Throwable error) {
        if (error instanceof RpcException rpc) {
            return rpc.rpcMessage();
        } else if (error instanceof PayloadTooLargeException tooLarge) {
            return "answer exceeds " + tooLarge.limit() + " bytes (stopped after " + tooLarge.bytesSeen() + ")";
        }
        return error.getMessage() == null ? error.toString() : error.getMessage();
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
        String message = reply.getMessage();
        if (code == TIMEOUT) {
            return new ProviderTimeoutException(method, endpoint, timeout, reply);
        } else if (code == CONNECTION) {
            return new ProviderConnectionException(method, endpoint, message, reply);
        } else if (code == MALFORMED) {
            return new MalformedResponseException(method, endpoint, message, reply);
        } else if (code <= HTTP_STATUS_BASE - 100 && code > HTTP_STATUS_BASE - 600) {
            return new HttpStatusException(method, endpoint, HTTP_STATUS_BASE - code, null, message);
        } else if (code == PAYLOAD_TOO_LARGE) {
            Matcher m = TOO_LARGE.matcher(String.valueOf(message));
            return m.find() ? new PayloadTooLargeException(method, endpoint, Long.parseLong(m.group(2)), Long.parseLong(m.group(1)))
                    : new PayloadTooLargeException(method, endpoint, -1, -1);
        } else if (code == STREAM_GONE) {
            return new ProviderConnectionException(method, endpoint, message, reply);
        } else if (code == OTHER) {
            return new EthbusException(method, endpoint, message, reply);
        }
        return new RpcException(method, endpoint, new RpcError(code, message));
    }
}
