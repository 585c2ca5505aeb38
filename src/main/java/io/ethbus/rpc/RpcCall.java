package io.ethbus.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vertx.core.Future;

import java.util.Objects;
import java.util.function.Function;

/**
 * A typed JSON-RPC call: the method, its params and how to read its result. The same
 * description runs alone ({@link RpcCaller#call}) or inside a batch ({@link Batch#add}).
 *
 * <pre>RpcCall&lt;Long&gt; call = new RpcCall&lt;&gt;("eth_blockNumber", JsonRpcCodec.params(), r -&gt; Long.decode(r.asText()));</pre>
 *
 * @param decoder turns the JSON result into {@code T}; any exception it throws is reported
 *                as a {@link MalformedResponseException} naming the method
 * @param reader  optional: reads the same {@code T} from a streaming parser; used instead of
 *                {@code decoder} whenever the answer still holds the node's raw text, so a
 *                large result never becomes a tree. It must give the same value and the same
 *                typed errors as {@code decoder}.
 */
public record RpcCall<T>(String method, ArrayNode params, Function<JsonNode, T> decoder, ResultReader<T> reader) {
    public RpcCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(decoder, "decoder");
    }

    /** The decoder of {@link #raw}: only used when a middleware has already made the result a tree. */
    private static final Function<JsonNode, RawJson> RAW_FROM_TREE = tree -> {
        try {
            return RawJson.wrap(JsonRpcCodec.mapper().writeValueAsBytes(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    };

    /**
     * A call whose result is kept as the node's JSON text: no tree and no decoding, for
     * callers that read or copy the text themselves (the crawler's rows).
     */
    public static RpcCall<RawJson> raw(String method, ArrayNode params) {
        return new RpcCall<>(method, params, RAW_FROM_TREE, null);
    }

    /** A call read through the tree of its result only. */
    public RpcCall(String method, ArrayNode params, Function<JsonNode, T> decoder) {
        this(method, params, decoder, null);
    }

    /** Reads the node's answer: the decoded result, or the typed error the answer stands for. */
    public T read(RpcResponse response, String endpoint) {
        if (response.isError()) {
            throw response.exception(method, endpoint);
        }
        RawJson raw = response.rawResult();
        if (decoder == RAW_FROM_TREE && raw != null) {
            @SuppressWarnings("unchecked") // decoder is RAW_FROM_TREE only in an RpcCall<RawJson> made by raw()
            T text = (T) raw;
            return text;
        }
        if (reader != null && raw != null) {
            return stream(raw, endpoint);
        }
        JsonNode result = response.result();
        try {
            return decoder.apply(result);
        } catch (RuntimeException e) {
            throw malformed(e, Excerpt.of(result.toString()), endpoint);
        }
    }

    /**
     * Reads the answer as {@link #read} does; a heavy result to decode into records is read
     * on a worker ({@link OffLoop}). Errors come back as the failed future.
     */
    public Future<T> readOffLoop(RpcResponse response, String endpoint) {
        RawJson raw = response.rawResult();
        return OffLoop.run(decodes() && raw != null ? raw.length() : 0, () -> read(response, endpoint));
    }

    /** False for {@link #raw} calls, whose result is handed on as text and costs nothing to read. */
    boolean decodes() {
        return decoder != RAW_FROM_TREE;
    }

    private T stream(RawJson raw, String endpoint) {
        try {
            return reader.read(raw.cursor());
        } catch (RuntimeException e) {
            throw malformed(e, raw.excerpt(), endpoint);
        }
    }

    private MalformedResponseException malformed(RuntimeException e, String excerpt, String endpoint) {
        if (e instanceof MalformedResponseException m) {
            return new MalformedResponseException(method, endpoint, m.reason() + " in " + excerpt, m);
        } else if (e instanceof EthbusException) {
            return new MalformedResponseException(method, endpoint, e.getMessage() + " in " + excerpt, e);
        }
        return new MalformedResponseException(method, endpoint, "unexpected result (" + e + "): " + excerpt, e);
    }
}
