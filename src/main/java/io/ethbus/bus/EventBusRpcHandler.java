package io.ethbus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.Excerpt;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.RpcError;
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
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves JSON-RPC sent over the event bus: a request object or a batch array, as a
 * {@link JsonObject}/{@link JsonArray}, a JSON string or a {@link Buffer} of JSON. The
 * reply has the caller's body type and the caller's ids. A single call that the node
 * answers with an error fails the message with the node's code and message, except for
 * Buffer and {@link RpcRequest} bodies (ethbus's own clients, {@link RequestCodec}), which get the whole error object so that revert
 * data survives. Errors of ethbus itself fail the message with the codes of
 * {@link EventBusErrors}. Work stops once the caller's deadline has passed (a few
 * milliseconds after it at most). A request body
 * above the endpoint's {@code maxRequestBytes} fails the message with
 * {@link EventBusErrors#PAYLOAD_TOO_LARGE} unparsed; a large one is parsed on a worker
 * ({@link RequestBodyReader}), as large replies are written on one.
 * A caller that sends the {@link RpcHeaders#ACCEPT_STREAM} header (ethbus's own clients do)
 * gets a reply larger than the threshold of {@link ReplyStreams} as a stream header to pull
 * the bytes by, instead of the bytes in one message.
 */
public final class EventBusRpcHandler implements Handler<Message<Object>> {
    private static final System.Logger LOG = System.getLogger(EventBusRpcHandler.class.getName());
    /** Replies with more bytes of raw results than this are written on a worker. */
    private static final long LARGE_RESULT_BYTES = 4L * 1024 * 1024;
    /** Tree results (built by a layer) with more items than this are written on a worker (a log is about 600 bytes of JSON). */
    private static final int LARGE_RESULT_ELEMENTS = 1_000;
    private static final byte[] PREFIX = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RESULT = ",\"result\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ERROR = ",\"error\":".getBytes(StandardCharsets.US_ASCII);

    /** One answer to send back: the caller's own id and the response (ethbus's own errors as an {@link RpcError}). */
    private record Answer(JsonNode callerId, RpcResponse response) {
    }

    /** What goes back: one answer, or the answers of a batch in the caller's order. */
    private record Reply(List<Answer> answers, boolean batch) {
        static Reply single(Answer answer) {
            return new Reply(List.of(answer), false);
        }

        /** The answer of a single call when it is an error, else null. */
        RpcError singleError() {
            return batch ? null : answers.get(0).response().error();
        }
    }

    private final Vertx vertx;
    private final String endpointName;
    private final RpcTransport transport;
    private final Duration defaultDeadline;
    private final ReplyStreams streams;
    private final RequestBodyReader bodies;
    private final RpcIds ids = new RpcIds();
    private final DeadlineSlots deadlines;

    /** {@code maxRequestBytes}: request bodies above it are refused with PayloadTooLargeException, unparsed. */
    public EventBusRpcHandler(Vertx vertx, String endpointName, RpcTransport transport, Duration defaultDeadline,
                       ReplyStreams streams, long maxRequestBytes) {
        this.vertx = vertx;
        this.bodies = new RequestBodyReader(vertx, endpointName, maxRequestBytes);
        this.endpointName = endpointName;
        this.transport = transport;
        this.defaultDeadline = defaultDeadline;
        this.streams = streams;
        this.deadlines = new DeadlineSlots(vertx);
    }

    @Override
    public void handle(Message<Object> message) {
        long started = System.currentTimeMillis();
        String trace = RpcHeaders.traceId(message.headers());
        long deadline = RpcHeaders.deadline(message.headers(), started + defaultDeadline.toMillis());
        // a small body is read at once (the future is complete); a large one, and its decoding, on a worker
        bodies.read(message).onComplete(ar -> {
            if (ar.succeeded()) {
                serve(message, ar.result(), trace, deadline);
            } else if (ar.cause() instanceof PayloadTooLargeException tooLarge) {
                LOG.log(System.Logger.Level.DEBUG, "trace={0} endpoint={1} rejected: {2}", trace, endpointName, tooLarge.getMessage());
                message.fail(EventBusErrors.codeOf(tooLarge), EventBusErrors.messageOf(tooLarge));
            } else {
                LOG.log(System.Logger.Level.DEBUG, "trace={0} endpoint={1} rejected: {2}", trace, endpointName, ar.cause().getMessage());
                message.fail(EventBusErrors.PARSE_ERROR, "parse error: " + ar.cause().getMessage());
            }
        });
    }

    private void serve(Message<Object> message, JsonNode request, String trace, long deadline) {
        long started = System.currentTimeMillis();
        Object body = message.body();
        if (request == null || !(request.isObject() || request.isArray())) {
            message.fail(EventBusErrors.INVALID_REQUEST, "invalid request: expected a JSON-RPC object or batch array");
            return;
        }
        long remaining = deadline - started;
        if (remaining <= 0) {
            message.fail(EventBusErrors.TIMEOUT, "deadline passed " + (-remaining) + " ms before the node verticle started");
            return;
        }
        boolean fullErrors = body instanceof Buffer || body instanceof RpcRequest;
        Future<Reply> work = request.isArray() ? batch((ArrayNode) request) : single(request).map(Reply::single);

        Promise<Void> done = Promise.promise();
        DeadlineSlots.Pending timer = deadlines.add(deadline, () -> {
            if (done.tryComplete()) {
                LOG.log(System.Logger.Level.DEBUG, "trace={0} endpoint={1} deadline passed", trace, endpointName);
                message.fail(EventBusErrors.TIMEOUT, "deadline of " + remaining + " ms passed at endpoint " + endpointName);
            }
        });
        work.onComplete(ar -> {
            timer.cancel();
            if (!done.tryComplete()) {
                return; // the deadline already answered
            }
            LOG.log(System.Logger.Level.DEBUG, "trace={0} endpoint={1} {2} in {3} ms", trace, endpointName,
                    ar.succeeded() ? "answered" : "failed: " + ar.cause().getMessage(), System.currentTimeMillis() - started);
            if (ar.failed()) {
                message.fail(EventBusErrors.codeOf(ar.cause()), EventBusErrors.messageOf(ar.cause()));
            } else if (ar.result().singleError() != null && !fullErrors) {
                RpcError error = ar.result().singleError();
                message.fail(error.code(), error.message());
            } else {
                reply(message, ar.result());
            }
        });
    }

    private Future<Answer> single(JsonNode item) {
        RpcRequest request;
        try {
            request = toRequest(item);
        } catch (IllegalArgumentException e) {
            return Future.succeededFuture(errorAnswer(item.get("id"), EventBusErrors.INVALID_REQUEST, e.getMessage()));
        }
        JsonNode callerId = item.get("id");
        return transport.send(request).map(response -> new Answer(callerId, response));
    }

    private Future<Reply> batch(ArrayNode items) {
        if (items.isEmpty()) {
            return Future.succeededFuture(Reply.single(errorAnswer(null, EventBusErrors.INVALID_REQUEST, "empty batch")));
        }
        Answer[] answers = new Answer[items.size()];
        List<RpcRequest> valid = new ArrayList<>(items.size());
        List<Integer> positions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            try {
                valid.add(toRequest(item));
                positions.add(i);
            } catch (IllegalArgumentException e) {
                answers[i] = errorAnswer(item.get("id"), EventBusErrors.INVALID_REQUEST, e.getMessage());
            }
        }
        Future<List<RpcResponse>> sent = valid.isEmpty() ? Future.succeededFuture(List.of()) : transport.sendBatch(valid);
        return sent.map(responses -> {
            for (int k = 0; k < responses.size(); k++) {
                int i = positions.get(k);
                answers[i] = new Answer(items.get(i).get("id"), responses.get(k));
            }
            return new Reply(List.of(answers), true);
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

    private static Answer errorAnswer(JsonNode callerId, int code, String message) {
        return new Answer(callerId, RpcResponse.failure(0, new RpcError(code, message)));
    }

    private void reply(Message<Object> message, Reply reply) {
        replyBytes(reply).onSuccess(bytes -> reply(message, reply, bytes))
                .onFailure(e -> message.fail(EventBusErrors.OTHER, "cannot write the reply: " + e.getMessage()));
    }

    private void reply(Message<Object> message, Reply reply, Buffer bytes) {
        // the size first: a header lookup costs more than the comparison, and nearly every reply is small
        if (streams.worthStreaming(bytes) && message.headers().contains(RpcHeaders.ACCEPT_STREAM)) {
            ReplyStreamHeader header = streams.open(bytes);
            LOG.log(System.Logger.Level.DEBUG, "trace={0} endpoint={1} {2} bytes as stream {3} in {4} chunks",
                    RpcHeaders.traceId(message.headers()), endpointName, bytes.length(), header.id(), header.chunks());
            message.reply(header.toJson(), new DeliveryOptions().addHeader(RpcHeaders.STREAM, "1"));
        } else {
            message.reply(replyBody(message.body(), reply, bytes));
        }
    }

    /**
     * The bytes of a reply, written on a worker when large: copying tens of MiB, or writing
     * a large tree a layer built, takes too long for an event loop.
     */
    private Future<Buffer> replyBytes(Reply reply) {
        return isLarge(reply) ? vertx.executeBlocking(() -> serialise(reply), false)
                : Future.succeededFuture(serialise(reply));
    }

    private static boolean isLarge(Reply reply) {
        long rawBytes = 0;
        int treeElements = 0;
        for (Answer a : reply.answers()) {
            RpcResponse r = a.response();
            if (r.rawResult() != null) {
                rawBytes += r.rawResult().length();
            } else if (!r.isError()) {
                treeElements += r.result().size();
            }
        }
        return rawBytes > LARGE_RESULT_BYTES || treeElements > LARGE_RESULT_ELEMENTS;
    }

    /**
     * The one place where the node serialises what goes back on the bus. A result still held
     * as the node's raw text is copied through as it is, never parsed into a tree.
     */
    private static Buffer serialise(Reply reply) {
        long size = 64L * reply.answers().size();
        for (Answer a : reply.answers()) {
            size += a.response().rawResult() == null ? 0 : a.response().rawResult().length();
        }
        Buffer buffer = Buffer.buffer((int) Math.min(size, Integer.MAX_VALUE - 8));
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                buffer.appendByte((byte) b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                buffer.appendBytes(b, off, len);
            }
        };
        try {
            if (reply.batch()) {
                out.write('[');
            }
            for (int i = 0; i < reply.answers().size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                write(out, reply.answers().get(i));
            }
            if (reply.batch()) {
                out.write(']');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer;
    }

    /** One response object: {@code {"jsonrpc":"2.0","id":...,"result":...}} or with {@code "error"}. */
    private static void write(OutputStream out, Answer answer) throws IOException {
        ObjectMapper mapper = JsonRpcCodec.mapper();
        RpcResponse response = answer.response();
        out.write(PREFIX);
        JsonNode id = answer.callerId();
        if (id != null && id.isIntegralNumber()) {
            // the usual id, without a generator; the mapper reads integers as BigIntegerNode,
            // whose own toString is slow for the small values ids nearly always are
            String digits = id.canConvertToLong() ? Long.toString(id.longValue()) : id.asText();
            out.write(digits.getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(mapper.writeValueAsBytes(id == null ? NullNode.getInstance() : id));
        }
        if (response.isError()) {
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("code", response.error().code());
            error.put("message", response.error().message());
            if (response.error().data() != null) {
                error.set("data", response.error().data());
            }
            out.write(ERROR);
            out.write(mapper.writeValueAsBytes(error));
        } else if (response.rawResult() != null) {
            out.write(RESULT);
            response.rawResult().writeTo(out);
        } else {
            out.write(RESULT);
            out.write(mapper.writeValueAsBytes(response.result()));
        }
        out.write('}');
    }

    private static Object replyBody(Object requestBody, Reply reply, Buffer buffer) {
        if (requestBody instanceof JsonObject || requestBody instanceof JsonArray) {
            return reply.batch() ? new JsonArray(buffer) : new JsonObject(buffer);
        } else if (requestBody instanceof String) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
        return buffer;
    }
}
