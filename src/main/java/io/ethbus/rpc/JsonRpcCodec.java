package io.ethbus.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private JsonRpcCodec() {
    }

    /** The mapper used for every ethbus payload; do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
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

    /** Encodes a response the way a node would, for answering on behalf of one (caches, the event bus). */
    public static byte[] encodeResponse(RpcResponse response) {
        return write(g -> writeResponse(g, response));
    }

    /** Parses any JSON text into a tree, as a {@link MalformedResponseException} when it is not JSON. */
    public static JsonNode parse(byte[] body, String method, String endpoint) {
        if (body == null || body.length == 0 || isBlank(body)) {
            throw new MalformedResponseException(method, endpoint, "empty body");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new MalformedResponseException(method, endpoint, "empty body");
            }
            return node;
        } catch (JsonEOFException e) {
            throw new MalformedResponseException(method, endpoint,
                    "truncated JSON after " + body.length + " bytes: " + Excerpt.of(body), e);
        } catch (JsonProcessingException e) {
            throw new MalformedResponseException(method, endpoint,
                    "not JSON (" + e.getOriginalMessage() + "): " + Excerpt.of(body), e);
        } catch (IOException e) {
            throw new MalformedResponseException(method, endpoint, "unreadable body: " + e.getMessage(), e);
        }
    }

    /** Decodes the answer to one call and checks that it answers that call. */
    public static RpcResponse decodeResponse(byte[] body, RpcRequest request, String endpoint) {
        JsonNode node = parse(body, request.method(), endpoint);
        if (!node.isObject()) {
            throw new MalformedResponseException(request.method(), endpoint,
                    "expected a JSON-RPC response object, got " + node.getNodeType() + ": " + Excerpt.of(body));
        }
        JsonNode id = node.get("id");
        if ((id == null || id.isNull()) && node.hasNonNull("error")) {
            // The node could not read the request (parse error, invalid request): its answer
            // carries a null id by the spec, and it is the answer to this call.
            return RpcResponse.failure(request.id(), readError(node.get("error"), request.method(), endpoint));
        }
        RpcResponse response = readResponse(node, request.method(), endpoint);
        if (response.id() != request.id()) {
            throw new MalformedResponseException(request.method(), endpoint,
                    "response id " + response.id() + " does not match request id " + request.id());
        }
        return response;
    }

    /**
     * Decodes a batch answer, matching items to requests by id (nodes reorder them). The list
     * returned is in request order.
     */
    public static List<RpcResponse> decodeBatch(byte[] body, List<RpcRequest> requests, String endpoint) {
        String label = batchLabel(requests);
        JsonNode node = parse(body, label, endpoint);
        if (node.isObject() && node.hasNonNull("error") && !node.hasNonNull("result")) {
            // The node refused the batch as a whole (too large, not supported, ...).
            throw new RpcException(label, endpoint, readError(node.get("error"), label, endpoint));
        }
        if (!node.isArray()) {
            throw new MalformedResponseException(label, endpoint,
                    "expected a JSON array answering the batch, got " + node.getNodeType() + ": " + Excerpt.of(body));
        }
        if (node.size() != requests.size()) {
            throw new MalformedResponseException(label, endpoint,
                    "batch of " + requests.size() + " requests answered with " + node.size() + " responses");
        }
        Map<Long, Integer> indexById = new HashMap<>(requests.size() * 2);
        for (int i = 0; i < requests.size(); i++) {
            if (indexById.put(requests.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate request id " + requests.get(i).id() + " in one batch");
            }
        }
        RpcResponse[] ordered = new RpcResponse[requests.size()];
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new MalformedResponseException(label, endpoint, "batch item is not an object: " + Excerpt.of(item.toString()));
            }
            RpcResponse r = readResponse(item, label, endpoint);
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

    private static RpcResponse readResponse(JsonNode node, String method, String endpoint) {
        JsonNode id = node.get("id");
        if (id == null || id.isNull()) {
            throw new MalformedResponseException(method, endpoint, "response without id: " + Excerpt.of(node.toString()));
        }
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new MalformedResponseException(method, endpoint, "response id is not one ethbus sent: " + Excerpt.of(id.toString()));
        }
        boolean hasResult = node.has("result");
        boolean hasError = node.hasNonNull("error");
        if (hasResult == hasError) {
            throw new MalformedResponseException(method, endpoint,
                    (hasResult ? "response has both result and error: " : "response has neither result nor error: ")
                            + Excerpt.of(node.toString()));
        }
        return hasError
                ? RpcResponse.failure(id.asLong(), readError(node.get("error"), method, endpoint))
                : RpcResponse.success(id.asLong(), node.get("result"));
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
            MAPPER.writeTree(g, r.result());
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

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

}
