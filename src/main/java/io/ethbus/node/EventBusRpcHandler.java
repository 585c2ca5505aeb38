package io.ethbus.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.Excerpt;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcIds;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves JSON-RPC sent over the event bus: a request object or a batch array, as a
 * {@link JsonObject}/{@link JsonArray}, a JSON string or a {@link Buffer} of JSON. The
 * reply has the caller's body type and the caller's ids. A single call that the node
 * answers with an error fails the message with the node's code and message, except for
 * Buffer bodies (ethbus's own clients), which get the whole error object so that revert
 * data survives. Errors of ethbus itself fail the message with the codes of
 * {@link EventBusErrors}. Work stops once the caller's deadline has passed.
 * A caller that sends the {@link RpcHeaders#ACCEPT_STREAM} header (ethbus's own clients do)
 * gets a reply larger than the threshold of {@link ReplyStreams} as a stream header to pull
 * the bytes by, instead of the bytes in one message.
 */
final class EventBusRpcHandler implements Handler<Message<Object>> {
    private static final System.Logger LOG = System.getLogger(EventBusRpcHandler.class.getName());
    /** Results with more items than this are written on a worker (a log is about 600 bytes of JSON). */
    private static final int LARGE_RESULT_ELEMENTS = 1_000;

    private final Vertx vertx;
    private final String endpointName;
    private final RpcTransport transport;
    private final Duration defaultDeadline;
    private final ReplyStreams streams;
    private final RpcIds ids = new RpcIds();

    EventBusRpcHandler(Vertx vertx, String endpointName, RpcTransport transport, Duration defaultDeadline,
                       ReplyStreams streams) {
        this.vertx = vertx;
        this.endpointName = endpointName;
        this.transport = transport;
        this.defaultDeadline = defaultDeadline;
        this.streams = streams;
    }

    @Override
    public void handle(Message<Object> message) {
        long started = System.currentTimeMillis();
        String trace = RpcHeaders.traceId(message.headers());
        long deadline = RpcHeaders.deadline(message.headers(), started + defaultDeadline.toMillis());
        Object body = message.body();
        JsonNode request;
        try {
            request = JsonRpcCodec.mapper().readTree(bytesOf(body));
        } catch (IOException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "trace={0} endpoint={1} rejected: {2}", trace, endpointName, e.getMessage());
            message.fail(EventBusErrors.PARSE_ERROR, "parse error: " + e.getMessage());
            return;
        }
        if (request == null || !(request.isObject() || request.isArray())) {
            message.fail(EventBusErrors.INVALID_REQUEST, "invalid request: expected a JSON-RPC object or batch array");
            return;
        }
        long remaining = deadline - started;
        if (remaining <= 0) {
            message.fail(EventBusErrors.TIMEOUT, "deadline passed " + (-remaining) + " ms before the node verticle started");
            return;
        }
        boolean fullErrors = body instanceof Buffer;
        Future<JsonNode> work = request.isArray() ? batch((ArrayNode) request) : single(request, fullErrors);

        Promise<Void> done = Promise.promise();
        long timer = vertx.setTimer(remaining, t -> {
            if (done.tryComplete()) {
                LOG.log(System.Logger.Level.DEBUG, "trace={0} endpoint={1} deadline passed", trace, endpointName);
                message.fail(EventBusErrors.TIMEOUT, "deadline of " + remaining + " ms passed at endpoint " + endpointName);
            }
        });
        work.onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (!done.tryComplete()) {
                return; // the deadline already answered
            }
            LOG.log(System.Logger.Level.DEBUG, "trace={0} endpoint={1} {2} in {3} ms", trace, endpointName,
                    ar.succeeded() ? "answered" : "failed: " + ar.cause().getMessage(), System.currentTimeMillis() - started);
            if (ar.failed()) {
                message.fail(EventBusErrors.codeOf(ar.cause()), EventBusErrors.messageOf(ar.cause()));
            } else if (ar.result().has("error") && !ar.result().isArray() && !fullErrors) {
                JsonNode error = ar.result().get("error");
                message.fail(error.path("code").asInt(), error.path("message").asText());
            } else {
                reply(message, ar.result());
            }
        });
    }

    private Future<JsonNode> single(JsonNode item, boolean fullErrors) {
        RpcRequest request;
        try {
            request = toRequest(item);
        } catch (IllegalArgumentException e) {
            return Future.succeededFuture(errorObject(item.get("id"), EventBusErrors.INVALID_REQUEST, e.getMessage()));
        }
        return transport.send(request).map(response -> responseObject(item.get("id"), response));
    }

    private Future<JsonNode> batch(ArrayNode items) {
        if (items.isEmpty()) {
            return Future.succeededFuture(errorObject(null, EventBusErrors.INVALID_REQUEST, "empty batch"));
        }
        JsonNode[] answers = new JsonNode[items.size()];
        List<RpcRequest> valid = new ArrayList<>(items.size());
        List<Integer> positions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            try {
                valid.add(toRequest(item));
                positions.add(i);
            } catch (IllegalArgumentException e) {
                answers[i] = errorObject(item.get("id"), EventBusErrors.INVALID_REQUEST, e.getMessage());
            }
        }
        Future<List<RpcResponse>> sent = valid.isEmpty() ? Future.succeededFuture(List.of()) : transport.sendBatch(valid);
        return sent.map(responses -> {
            for (int k = 0; k < responses.size(); k++) {
                int i = positions.get(k);
                answers[i] = responseObject(items.get(i).get("id"), responses.get(k));
            }
            ArrayNode out = JsonNodeFactory.instance.arrayNode(answers.length);
            for (JsonNode a : answers) {
                out.add(a);
            }
            return out;
        });
    }

    private RpcRequest toRequest(JsonNode item) {
        if (!item.isObject()) {
            throw new IllegalArgumentException("invalid request: not an object: " + Excerpt.of(item.toString()));
        }
        JsonNode method = item.get("method");
        if (method == null || !method.isTextual() || method.asText().isBlank()) {
            throw new IllegalArgumentException("invalid request: 'method' must be a non-empty string");
        }
        JsonNode params = item.get("params");
        if (params != null && !params.isNull() && !params.isArray()) {
            throw new IllegalArgumentException("invalid request: 'params' of " + method.asText() + " must be an array");
        }
        return new RpcRequest(ids.next(), method.asText(), params == null || params.isNull() ? null : (ArrayNode) params);
    }

    private static ObjectNode responseObject(JsonNode callerId, RpcResponse response) {
        if (response.isError()) {
            ObjectNode o = errorObject(callerId, response.error().code(), response.error().message());
            if (response.error().data() != null) {
                ((ObjectNode) o.get("error")).set("data", response.error().data());
            }
            return o;
        }
        ObjectNode o = envelope(callerId);
        o.set("result", response.result());
        return o;
    }

    private static ObjectNode errorObject(JsonNode callerId, int code, String message) {
        ObjectNode o = envelope(callerId);
        ObjectNode error = o.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return o;
    }

    private static ObjectNode envelope(JsonNode callerId) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("jsonrpc", "2.0");
        o.set("id", callerId == null ? JsonNodeFactory.instance.nullNode() : callerId);
        return o;
    }

    private static byte[] bytesOf(Object body) {
        if (body instanceof Buffer b) {
            return b.getBytes();
        } else if (body instanceof JsonObject o) {
            return o.toBuffer().getBytes();
        } else if (body instanceof JsonArray a) {
            return a.toBuffer().getBytes();
        } else if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalArgumentException("unsupported body type "
                + (body == null ? "null" : body.getClass().getName()) + ": send JSON (object, array, string or buffer)");
    }

    private void reply(Message<Object> message, JsonNode reply) {
        replyBytes(reply).onSuccess(bytes -> reply(message, reply, bytes))
                .onFailure(e -> message.fail(EventBusErrors.OTHER, "cannot write the reply: " + e.getMessage()));
    }

    private void reply(Message<Object> message, JsonNode reply, Buffer bytes) {
        if (message.headers().contains(RpcHeaders.ACCEPT_STREAM) && streams.worthStreaming(bytes)) {
            ReplyStreamHeader header = streams.open(bytes);
            LOG.log(System.Logger.Level.DEBUG, "trace={0} endpoint={1} {2} bytes as stream {3} in {4} chunks",
                    RpcHeaders.traceId(message.headers()), endpointName, bytes.length(), header.id(), header.chunks());
            message.reply(header.toJson(), new DeliveryOptions().addHeader(RpcHeaders.STREAM, "1"));
        } else {
            message.reply(replyBody(message.body(), reply, bytes));
        }
    }

    /**
     * The bytes of a reply, written on a worker when the result is large: tens of MiB of
     * JSON take the best part of a second to write, too long for an event loop.
     */
    private Future<Buffer> replyBytes(JsonNode reply) {
        return elements(reply) > LARGE_RESULT_ELEMENTS ? vertx.executeBlocking(() -> serialise(reply), false)
                : Future.succeededFuture(serialise(reply));
    }

    /** Items in the result (or the results of a batch): a cheap stand-in for its size. */
    private static int elements(JsonNode reply) {
        if (reply.isArray()) {
            int n = 0;
            for (JsonNode item : reply) {
                n += item.path("result").size();
            }
            return n;
        }
        return reply.path("result").size();
    }

    /**
     * The one place where the node serialises what goes back on the bus. A result kept as
     * the node's raw bytes would be written through from here.
     */
    private static Buffer serialise(JsonNode reply) {
        try {
            return Buffer.buffer(JsonRpcCodec.mapper().writeValueAsBytes(reply));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object replyBody(Object requestBody, JsonNode reply, Buffer buffer) {
        if (requestBody instanceof JsonObject || requestBody instanceof JsonArray) {
            return reply.isArray() ? new JsonArray(buffer) : new JsonObject(buffer);
        } else if (requestBody instanceof String) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        return buffer;
    }
}
