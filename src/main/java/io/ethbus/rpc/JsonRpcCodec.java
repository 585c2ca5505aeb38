package io.ethbus.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON-RPC 2.0 encoding and decoding with Jackson. Decoding checks everything a node can
 * get wrong (empty or non-JSON bodies, truncation, missing or foreign ids, result and
 * error together, batches of the wrong length) and reports it as a
 * {@link MalformedResponseException} naming the method. Stateless and thread-safe.
 */
public final class JsonRpcCodec {
    // Configured once, never changed afterwards: safe to share between threads.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    // Reads one value in the middle of a stream (an id, an error object, one log): what
    // follows it is the rest of the stream, not trailing garbage.
    private static final ObjectReader VALUE_READER = MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonRpcCodec() {
    }

    /** The mapper used for every ethbus payload; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * A streaming parser over {@code length} bytes of UTF-8 JSON from {@code offset}, whose
     * {@code readValueAsTree()} reads the value it stands on and leaves the rest to read.
     */
    public static JsonParser parser(byte[] bytes, int offset, int length) throws IOException {
        JsonParser p = MAPPER.getFactory().createParser(bytes, offset, length);
        p.setCodec(VALUE_READER);
        return p;
    }

    /** A streaming parser over a stream of UTF-8 JSON, reading values as {@link #parser(byte[], int, int)} does. */
    static JsonParser parser(InputStream in) throws IOException {
        JsonParser p = MAPPER.getFactory().createParser(in);
        p.setCodec(VALUE_READER);
        return p;
    }

    /** A streaming parser over a tree, reading values as {@link #parser(byte[], int, int)} does. */
    public static JsonParser parser(JsonNode tree) {
        return tree.traverse(VALUE_READER);
    }

    /**
     * Builds a params array: JSON nodes, strings, booleans, integral numbers and null are
     * taken as they are, anything else through Jackson's tree conversion.
     */
    public static ArrayNode params(Object... values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(values.length);
        for (Object v : values) {
            array.add(toNode(v));
        }
        return array;
    }

    public static JsonNode toNode(Object v) {
        if (v == null) {
            return JsonNodeFactory.instance.nullNode();
        } else if (v instanceof JsonNode n) {
            return n;
        } else if (v instanceof String s) {
            return JsonNodeFactory.instance.textNode(s);
        } else if (v instanceof Boolean b) {
            return JsonNodeFactory.instance.booleanNode(b);
        } else if (v instanceof Integer || v instanceof Long) {
            return JsonNodeFactory.instance.numberNode(((Number) v).longValue());
        }
        return MAPPER.valueToTree(v);
    }

    public static byte[] encode(RpcRequest request) {
        return write(g -> writeRequest(g, request));
    }

    public static byte[] encodeBatch(Collection<RpcRequest> requests) {
        return write(g -> {
            g.writeStartArray();
            for (RpcRequest r : requests) {
                writeRequest(g, r);
            }
            g.writeEndArray();
        });
    }

    /** Parses any JSON text into a tree, as a {@link MalformedResponseException} when it is not JSON. */
    public static JsonNode parse(byte[] body, String method, String endpoint) {
        return scan(text(body), method, endpoint, p -> {
            if (p.nextToken() == null) {
                throw new MalformedResponseException(method, endpoint, "empty body");
            }
            return p.readValueAsTree();
        });
    }

    /**
     * Decodes the answer to one call and checks that it answers that call. The envelope is
     * scanned with the streaming parser; the result stays the node's raw text (see
     * {@link RpcResponse#rawResult()}), so no tree is built here whatever its size.
     */
    public static RpcResponse decodeResponse(byte[] body, RpcRequest request, String endpoint) {
        return decodeResponse(text(body), request, endpoint);
    }

    /**
     * Decodes the answer to one call from the chunks its body arrived in, without joining
     * them: the result is a slice of the chunks, so a large answer is held once. Otherwise as
     * {@link #decodeResponse(byte[], RpcRequest, String)}. The chunks must not change afterwards.
     */
    public static RpcResponse decodeResponse(List<byte[]> chunks, RpcRequest request, String endpoint) {
        return decodeResponse(RawJson.chunks(chunks), request, endpoint);
    }

    private static RpcResponse decodeResponse(RawJson body, RpcRequest request, String endpoint) {
        String method = request.method();
        RpcResponse response = envelope(body, method, endpoint, c -> {
            if (c.peek() != '{') {
                throw new MalformedResponseException(method, endpoint,
                        "expected a JSON-RPC response object, got " + kindOfNext(c) + ": " + body.excerpt());
            }
            c.next();
            return readResponse(c, body, method, endpoint, request.id());
        });
        if (response.id() != request.id()) {
            throw new MalformedResponseException(method, endpoint,
                    "response id " + response.id() + " does not match request id " + request.id());
        }
        return response;
    }

    /**
     * Decodes a batch answer, matching items to requests by id (nodes reorder them). The list
     * returned is in request order. Results stay raw text, as in {@link #decodeResponse}.
     */
    public static List<RpcResponse> decodeBatch(byte[] body, List<RpcRequest> requests, String endpoint) {
        return decodeBatch(text(body), requests, endpoint);
    }

    /**
     * Decodes a batch answer from the chunks its body arrived in, without joining them, as
     * {@link #decodeResponse(List, RpcRequest, String)} does for one call.
     */
    public static List<RpcResponse> decodeBatch(List<byte[]> chunks, List<RpcRequest> requests, String endpoint) {
        return decodeBatch(RawJson.chunks(chunks), requests, endpoint);
    }

    private static List<RpcResponse> decodeBatch(RawJson body, List<RpcRequest> requests, String endpoint) {
        String label = batchLabel(requests);
        List<RpcResponse> items = envelope(body, label, endpoint, c -> {
            int first = c.peek();
            if (first == '{') {
                // Not a batch answer; a small object, read whole to say what went wrong.
                c.skipValue();
                if (c.peek() < 0) {
                    JsonNode node = body.toTree();
                    if (node.hasNonNull("error") && !node.hasNonNull("result")) {
                        // The node refused the batch as a whole (too large, not supported, ...).
                        throw new RpcException(label, endpoint, readError(node.get("error"), label, endpoint));
                    }
                }
                throw new MalformedResponseException(label, endpoint,
                        "expected a JSON array answering the batch, got OBJECT: " + body.excerpt());
            }
            if (first != '[') {
                throw new MalformedResponseException(label, endpoint,
                        "expected a JSON array answering the batch, got " + kindOfNext(c) + ": " + body.excerpt());
            }
            c.next();
            List<RpcResponse> read = new ArrayList<>(requests.size());
            for (boolean firstItem = true; c.nextElement(firstItem); firstItem = false) {
                if (c.peek() != '{') {
                    int start = c.position();
                    c.skipValue();
                    throw new MalformedResponseException(label, endpoint,
                            "batch item is not an object: " + body.slice(start, c.position() - start).excerpt());
                }
                c.next();
                read.add(readResponse(c, body, label, endpoint, null));
            }
            return read;
        });
        if (items.size() != requests.size()) {
            throw new MalformedResponseException(label, endpoint,
                    "batch of " + requests.size() + " requests answered with " + items.size() + " responses");
        }
        Map<Long, Integer> indexById = new HashMap<>(requests.size() * 2);
        for (int i = 0; i < requests.size(); i++) {
            if (indexById.put(requests.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate request id " + requests.get(i).id() + " in one batch");
            }
        }
        RpcResponse[] ordered = new RpcResponse[requests.size()];
        for (RpcResponse r : items) {
            Integer index = indexById.get(r.id());
            if (index == null) {
                throw new MalformedResponseException(label, endpoint, "batch answer has unknown id " + r.id());
            }
            if (ordered[index] != null) {
                throw new MalformedResponseException(label, endpoint, "batch answer repeats id " + r.id());
            }
            ordered[index] = r;
        }
        return List.of(ordered);
    }

    /** A short name for a batch in error messages: {@code batch(3: eth_getBalance, eth_call, ...)}. */
    public static String batchLabel(List<RpcRequest> requests) {
        StringBuilder sb = new StringBuilder("batch(").append(requests.size());
        for (int i = 0; i < Math.min(3, requests.size()); i++) {
            sb.append(i == 0 ? ": " : ", ").append(requests.get(i).method());
        }
        return sb.append(requests.size() > 3 ? ", ...)" : ")").toString();
    }

    private static final MemberNames MEMBERS = MemberNames.of("id", "result", "error");
    private static final int ID = 0;
    private static final int RESULT = 1;
    private static final int ERROR = 2;

    /**
     * Reads one response object, the cursor past its opening brace. The result is only
     * stepped over and kept as a slice of the body. {@code nullIdMeans}: the id an error
     * answer with a null id stands for (a single call: the node could not read the request,
     * and by the spec answers it with a null id), or null inside a batch.
     */
    private static RpcResponse readResponse(JsonCursor c, RawJson body, String method, String endpoint, Long nullIdMeans) {
        Long id = null;
        String foreignId = null;
        RawJson result = null;
        JsonNode error = null;
        for (boolean first = true; c.nextMember(first); first = false) {
            int member = c.memberName(MEMBERS);
            c.peek();
            int start = c.position();
            switch (member) {
                case ID -> {
                    try {
                        id = c.longOrNull();
                        foreignId = null;
                    } catch (NumberFormatException e) {
                        id = null;
                        foreignId = body.slice(start, c.position() - start).excerpt();
                    }
                }
                case RESULT -> {
                    c.skipValue();
                    result = body.slice(start, c.position() - start);
                }
                case ERROR -> {
                    c.skipValue();
                    RawJson e = body.slice(start, c.position() - start);
                    error = e.isNull() ? null : e.toTree();
                }
                default -> c.skipValue();
            }
        }
        if (id == null && foreignId == null && error != null && nullIdMeans != null) {
            return RpcResponse.failure(nullIdMeans, readError(error, method, endpoint));
        }
        if (foreignId != null) {
            throw new MalformedResponseException(method, endpoint, "response id is not one ethbus sent: " + foreignId);
        }
        if (id == null) {
            throw new MalformedResponseException(method, endpoint, "response without id: " + body.excerpt());
        }
        if ((result != null) == (error != null)) {
            throw new MalformedResponseException(method, endpoint,
                    (result != null ? "response has both result and error: " : "response has neither result nor error: ")
                            + body.excerpt());
        }
        return error != null
                ? RpcResponse.failure(id, readError(error, method, endpoint))
                : RpcResponse.success(id, result);
    }

    /** What kind of value the cursor is on, for error messages; steps over it, so that bad text gets the syntax error. */
    private static String kindOfNext(JsonCursor c) {
        String kind = JsonCursor.kind(c.peek());
        c.skipValue();
        return kind;
    }

    /**
     * Reads a JSON-RPC envelope from {@code body} with a {@link JsonCursor}, turning every
     * kind of unreadable body into a {@link MalformedResponseException}.
     */
    private static <T> T envelope(RawJson body, String method, String endpoint, Function<JsonCursor, T> read) {
        if (body == null || body.isBlank()) {
            throw new MalformedResponseException(method, endpoint, "empty body");
        }
        JsonCursor c = body.cursor();
        try {
            c.skipByteOrderMark();
            T value = read.apply(c);
            if (c.peek() >= 0) {
                throw new MalformedResponseException(method, endpoint,
                        "not JSON (more text after the answer, at byte " + c.position() + "): " + body.excerpt());
            }
            return value;
        } catch (JsonCursor.SyntaxException e) {
            if (e.truncated()) {
                throw new MalformedResponseException(method, endpoint,
                        "truncated JSON after " + body.length() + " bytes: " + body.excerpt(), e);
            }
            throw new MalformedResponseException(method, endpoint,
                    "not JSON (" + e.reason() + "): " + body.excerpt(), e);
        }
    }

    private interface Scan<T> {
        T read(JsonParser p) throws IOException;
    }

    /** Runs {@code scan} over {@code body}, turning every kind of unreadable body into a {@link MalformedResponseException}. */
    private static <T> T scan(RawJson body, String method, String endpoint, Scan<T> scan) {
        if (body == null || body.isBlank()) {
            throw new MalformedResponseException(method, endpoint, "empty body");
        }
        try (JsonParser p = body.parser()) {
            T value = scan.read(p);
            if (p.nextToken() != null) {
                throw new MalformedResponseException(method, endpoint,
                        "not JSON (trailing token " + p.currentToken() + " after the answer): " + body.excerpt());
            }
            return value;
        } catch (JsonEOFException e) {
            throw new MalformedResponseException(method, endpoint,
                    "truncated JSON after " + body.length() + " bytes: " + body.excerpt(), e);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(method, endpoint,
                    "not JSON (" + e.getOriginalMessage() + "): " + body.excerpt(), e);
        } catch (IOException e) {
            throw new MalformedResponseException(method, endpoint, "unreadable body: " + e.getMessage(), e);
        }
    }

    private static RpcError readError(JsonNode error, String method, String endpoint) {
        JsonNode code = error.get("code");
        if (!error.isObject() || code == null || !code.isIntegralNumber() || !code.canConvertToInt()) {
            throw new MalformedResponseException(method, endpoint, "invalid error object: " + Excerpt.of(error.toString()));
        }
        JsonNode message = error.get("message");
        return new RpcError(code.asInt(), message == null || message.isNull() ? "" : message.asText(), error.get("data"));
    }

    private static void writeRequest(JsonGenerator g, RpcRequest r) throws IOException {
        g.writeStartObject();
        g.writeStringField("jsonrpc", "2.0");
        g.writeNumberField("id", r.id());
        g.writeStringField("method", r.method());
        g.writeFieldName("params");
        MAPPER.writeTree(g, r.params());
        g.writeEndObject();
    }

    private static void writeResponse(JsonGenerator g, RpcResponse r) throws IOException {
        g.writeStartObject();
        g.writeStringField("jsonrpc", "2.0");
        g.writeNumberField("id", r.id());
        if (r.isError()) {
            g.writeObjectFieldStart("error");
            g.writeNumberField("code", r.error().code());
            g.writeStringField("message", r.error().message());
            if (r.error().data() != null) {
                g.writeFieldName("data");
                MAPPER.writeTree(g, r.error().data());
            }
            g.writeEndObject();
        } else {
            g.writeFieldName("result");
            if (r.rawResult() != null) {
                g.writeRawValue(r.rawResult().toString());
            } else {
                MAPPER.writeTree(g, r.result());
            }
        }
        g.writeEndObject();
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A whole body as text to scan; null for no body. */
    private static RawJson text(byte[] body) {
        return body == null ? null : RawJson.slice(body, 0, body.length);
    }

}
