package io.ethbus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.RpcRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the body of one event-bus request (a {@link Buffer}, JSON string, {@link JsonObject},
 * {@link JsonArray}, or the {@link RpcRequest} of a client in this JVM) into a JSON tree for
 * one endpoint. A body above the endpoint's
 * {@code maxRequestBytes} fails with {@link PayloadTooLargeException} without being parsed. A
 * body above {@link #LARGE_BYTES} is encoded and parsed on a worker: parsing tens of MiB takes
 * seconds, and on the event loop it would stall every other request of the verticle meanwhile.
 * Small bodies, nearly all of them, are parsed at once, with no hop. A body from another
 * cluster member is sized before Vert.x decodes it ({@link UndecodedBody}): one above the
 * ceiling is refused undecoded, and a large one is decoded on the worker that parses it.
 */
final class RequestBodyReader {
    /** Bodies above this many bytes are parsed on a worker. */
    static final long LARGE_BYTES = 64 * 1024;
    /** The most bytes a UTF-8 encoding takes per char of a Java string. */
    private static final int UTF8_BYTES_PER_CHAR = 3;
    /** The most bytes JSON takes per char of a string: a control char is written as a six-char escape. */
    private static final int MAX_BYTES_PER_CHAR = 6;
    /** The chars of a call's JSON besides its method and params: the members' names and a 20-digit id. */
    private static final int ENVELOPE_CHARS = 64;
    /** Params nested deeper than this are sized by writing them (on a worker), not walked. */
    private static final int MAX_WALKED_DEPTH = 32;

    private final Vertx vertx;
    private final String endpointName;
    private final long maxBytes;

    RequestBodyReader(Vertx vertx, String endpointName, long maxBytes) {
        this.vertx = vertx;
        this.endpointName = endpointName;
        this.maxBytes = maxBytes;
    }

    /**
     * The body of {@code message} as a tree, as {@link #read(Object)}; a body that came from
     * another member is sized, and refused or decoded on a worker, before Vert.x decodes it.
     */
    Future<JsonNode> read(Message<?> message) {
        UndecodedBody undecoded = UndecodedBody.of(message).orElse(null);
        if (undecoded == null) {
            return read(message.body());
        }
        if (undecoded.bytes() > maxBytes) {
            return Future.failedFuture(tooLarge(undecoded.bytes()));
        }
        if (undecoded.bytes() == UndecodedBody.UNKNOWN || undecoded.bytes() > LARGE_BYTES) {
            // Message.body() decodes (a JSON object is parsed there), so it is called on the worker too
            return vertx.executeBlocking(() -> parse(message.body()), false);
        }
        return read(message.body());
    }

    /**
     * The body as a tree. Fails with PayloadTooLargeException for a body above the ceiling,
     * IOException for one that is not JSON, IllegalArgumentException for an unsupported type.
     */
    Future<JsonNode> read(Object body) {
        if (body instanceof RpcRequest call) {
            return read(call);
        }
        long atLeast;
        try {
            atLeast = sizeAtLeast(body);
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(e);
        }
        if (atLeast > maxBytes) {
            return Future.failedFuture(tooLarge(atLeast));
        }
        if (atLeast > LARGE_BYTES || mayBeLarge(body)) {
            return vertx.executeBlocking(() -> parse(body), false);
        }
        try {
            return Future.succeededFuture(parse(body));
        } catch (IOException | RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * A call from a client in this JVM ({@link RequestCodec}) as the tree its JSON would parse
     * to, built without writing or parsing JSON. Only a call whose JSON might pass the ceiling
     * is written, to learn its exact size: on a worker if it may pass {@link #LARGE_BYTES}.
     */
    private Future<JsonNode> read(RpcRequest call) {
        long chars = ENVELOPE_CHARS + call.method().length() + charsOf(call.params(), LARGE_BYTES, 0);
        if (chars > LARGE_BYTES) {
            return vertx.executeBlocking(() -> sized(call), false);
        }
        try {
            return Future.succeededFuture(chars * MAX_BYTES_PER_CHAR > maxBytes ? sized(call) : tree(call));
        } catch (PayloadTooLargeException e) {
            return Future.failedFuture(e);
        }
    }

    private JsonNode sized(RpcRequest call) {
        long bytes = JsonRpcCodec.encode(call).length;
        if (bytes > maxBytes) {
            throw tooLarge(bytes);
        }
        return tree(call);
    }

    private static JsonNode tree(RpcRequest call) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.put("jsonrpc", "2.0");
        tree.put("id", call.id());
        tree.put("method", call.method());
        tree.set("params", call.params());
        return tree;
    }

    /**
     * The chars of the JSON text of {@code node} (each takes 1 to {@link #MAX_BYTES_PER_CHAR}
     * bytes), or a number above {@code stopAbove} once they pass it or the nesting passes
     * {@link #MAX_WALKED_DEPTH} (then the call is written to be sized). Recursive, so that the
     * flat params of nearly every call cost no allocation.
     */
    private static long charsOf(JsonNode node, long stopAbove, int depth) {
        if (node.isValueNode()) {
            return node.isTextual() ? node.textValue().length() + 2 : node.asText().length();
        }
        if (depth > MAX_WALKED_DEPTH) {
            return stopAbove + 1;
        }
        long chars = 2;
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> members = node.fields(); members.hasNext() && chars <= stopAbove; ) {
                Map.Entry<String, JsonNode> member = members.next();
                chars += member.getKey().length() + 4 + charsOf(member.getValue(), stopAbove, depth + 1);
            }
        } else {
            for (int i = 0; i < node.size() && chars <= stopAbove; i++) {
                chars += 1 + charsOf(node.get(i), stopAbove, depth + 1);
            }
        }
        return chars;
    }

    private JsonNode parse(Object body) throws IOException {
        byte[] bytes = bytesOf(body);
        if (bytes.length > maxBytes) {
            throw tooLarge(bytes.length);
        }
        return JsonRpcCodec.mapper().readTree(bytes);
    }

    private PayloadTooLargeException tooLarge(long bytes) {
        return new PayloadTooLargeException(null, endpointName, bytes, maxBytes, "request body",
                "the maxRequestBytes of endpoint " + endpointName);
    }

    /**
     * A lower bound of the body's size in bytes, exact for a buffer, and for a JSON object or
     * array a walk that stops once it passes {@link #LARGE_BYTES} (so that sizing a large body
     * costs little on the event loop).
     */
    private static long sizeAtLeast(Object body) {
        if (body instanceof Buffer b) {
            return b.length();
        } else if (body instanceof String s) {
            return s.length();
        } else if (body instanceof JsonObject || body instanceof JsonArray) {
            return walkedSize(body, LARGE_BYTES);
        }
        throw new IllegalArgumentException("unsupported body type "
                + (body == null ? "null" : body.getClass().getName()) + ": send JSON (object, array, string or buffer)");
    }

    /** A string whose encoding may pass {@link #LARGE_BYTES}: its size is only known once encoded. */
    private static boolean mayBeLarge(Object body) {
        return body instanceof String s && (long) s.length() * UTF8_BYTES_PER_CHAR > LARGE_BYTES;
    }

    /** About the bytes of the JSON text of {@code value}, counted until they pass {@code stopAbove}. */
    private static long walkedSize(Object value, long stopAbove) {
        long size = 0;
        Deque<Object> left = new ArrayDeque<>();
        left.push(value);
        while (!left.isEmpty() && size <= stopAbove) {
            Object v = left.pop();
            if (v instanceof JsonObject o) {
                v = o.getMap();
            } else if (v instanceof JsonArray a) {
                v = a.getList();
            }
            if (v instanceof Map<?, ?> m) {
                size += 2;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (size > stopAbove) {
                        break; // a map of a million members is not walked on the event loop
                    }
                    size += String.valueOf(e.getKey()).length() + 4;
                    left.push(e.getValue() == null ? "null" : e.getValue());
                }
            } else if (v instanceof List<?> l) {
                size += 2;
                for (Object item : l) {
                    if (size > stopAbove) {
                        break;
                    }
                    size++;
                    left.push(item == null ? "null" : item);
                }
            } else if (v instanceof CharSequence s) {
                size += s.length() + 2;
            } else if (v instanceof Buffer b) {
                size += b.length() * 4L / 3 + 2; // written as base64
            } else if (v instanceof byte[] b) {
                size += b.length * 4L / 3 + 2;
            } else {
                size += String.valueOf(v).length();
            }
        }
        return size;
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
        throw new IllegalArgumentException("unsupported body type " + body.getClass().getName());
    }
}
