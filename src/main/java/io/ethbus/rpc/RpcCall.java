package io.ethbus.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

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
 */
public record RpcCall<T>(String method, ArrayNode params, Function<JsonNode, T> decoder) {
    public RpcCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(decoder, "decoder");
    }

    /** Reads the node's answer: the decoded result, or the typed error the answer stands for. */
    public T read(RpcResponse response, String endpoint) {
        JsonNode result = response.resultOrThrow(method, endpoint);
        try {
            return decoder.apply(result);
        } catch (MalformedResponseException e) {
            throw new MalformedResponseException(method, endpoint, e.reason() + " in " + Excerpt.of(result.toString()), e);
        } catch (EthbusException e) {
            throw new MalformedResponseException(method, endpoint, e.getMessage() + " in " + Excerpt.of(result.toString()), e);
        } catch (RuntimeException e) {
            throw new MalformedResponseException(method, endpoint,
                    "unexpected result (" + e + "): " + Excerpt.of(result.toString()), e);
        }
    }
}
