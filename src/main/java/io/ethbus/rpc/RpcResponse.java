package io.ethbus.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.Objects;

/**
 * One JSON-RPC 2.0 answer: a result (possibly JSON null) or an error, never both.
 * <p>
 * A result decoded from a node's answer is kept as the node's raw JSON text
 * ({@link #rawResult()}); the tree of {@link #result()} is built only when someone asks for
 * it, once. Large answers (a block of thousands of transactions, hundreds of thousands of
 * logs) should be read from {@link #rawResult()} or passed on as raw bytes: their tree
 * costs several times their text. A tree handed out by {@link #result()} is shared; to change
 * a result, build a new response.
 */
public final class RpcResponse {
    private final long id;
    private final RawJson rawResult;
    private final RpcError error;
    /** For an error raised on this side of the wire (or rebuilt from it): the exception it stands for. */
    private final Throwable failure;
    // Built on first use. Racing threads may each build one; volatile makes whichever is
    // published visible whole, and any of them is a correct answer.
    private volatile JsonNode result;

    /** A response with a tree result or an error; both null means a JSON null result. */
    public RpcResponse(long id, JsonNode result, RpcError error) {
        if (error != null && result != null) {
            throw new IllegalArgumentException("a JSON-RPC response has a result or an error, not both");
        }
        this.id = id;
        this.error = error;
        this.failure = null;
        this.rawResult = null;
        this.result = error == null && result == null ? NullNode.getInstance() : result;
    }

    private RpcResponse(long id, RawJson rawResult) {
        this.id = id;
        this.rawResult = Objects.requireNonNull(rawResult, "rawResult");
        this.error = null;
        this.failure = null;
    }

    private RpcResponse(long id, RpcError error, Throwable failure) {
        this.id = id;
        this.error = Objects.requireNonNull(error, "error");
        this.failure = Objects.requireNonNull(failure, "failure");
        this.rawResult = null;
    }

    public static RpcResponse success(long id, JsonNode result) {
        return new RpcResponse(id, result, null);
    }

    /** A result kept as the node's JSON text; the tree is built only if {@link #result()} is called. */
    public static RpcResponse success(long id, RawJson result) {
        return new RpcResponse(id, result);
    }

    public static RpcResponse failure(long id, RpcError error) {
        return new RpcResponse(id, null, error);
    }

    /**
     * An error answer that stands for {@code failure}, an exception raised for this one call
     * (a layer refused one item of a batch): {@link RpcCall#read} throws {@code failure} itself,
     * so the caller meets the same exception type as for a single call. {@code error} is its
     * JSON-RPC form, for whoever writes the answer on a wire.
     */
    public static RpcResponse failure(long id, RpcError error, Throwable failure) {
        return new RpcResponse(id, error, failure);
    }

    public long id() {
        return id;
    }

    public RpcError error() {
        return error;
    }

    public boolean isError() {
        return error != null;
    }

    /** The exception this error answer stands for ({@link #failure(long, RpcError, Throwable)}), or null. */
    public Throwable failure() {
        return failure;
    }

    /** The result as a tree (null for an error), built from the raw text on first use. */
    public JsonNode result() {
        JsonNode tree = result;
        if (tree == null && rawResult != null) {
            tree = rawResult.toTree();
            result = tree;
        }
        return tree;
    }

    /**
     * The result as the node sent it, or null when this response holds an error or a result
     * built as a tree (by a cache or a middleware that rewrote it).
     */
    public RawJson rawResult() {
        return rawResult;
    }

    /** True when the result is JSON null (an unknown block, a pending receipt); false for an error. */
    public boolean isNullResult() {
        if (error != null) {
            return false;
        }
        return rawResult != null ? rawResult.isNull() : result.isNull();
    }

    /** The same answer with a raw result that holds only its own bytes ({@link RawJson#detached()}): for caches. */
    public RpcResponse detached() {
        if (rawResult == null) {
            return this;
        }
        RawJson own = rawResult.detached();
        return own == rawResult ? this : new RpcResponse(id, own);
    }

    /** The same answer under another id, sharing the result: for caches answering a new request. */
    public RpcResponse withId(long newId) {
        if (newId == id) {
            return this;
        }
        if (failure != null) {
            return new RpcResponse(newId, error, failure);
        }
        return rawResult != null ? new RpcResponse(newId, rawResult) : new RpcResponse(newId, result, error);
    }

    /** The result, or an {@link RpcException} naming the method and endpoint when this is an error. */
    public JsonNode resultOrThrow(String method, String endpoint) {
        if (error != null) {
            throw exception(method, endpoint);
        }
        return result();
    }

    /** The exception an error answer stands for: its own {@link #failure()}, else an {@link RpcException}. */
    public EthbusException exception(String method, String endpoint) {
        if (failure instanceof EthbusException e) {
            return e;
        }
        return failure != null ? new EthbusException(method, endpoint,
                failure.getMessage() == null ? failure.toString() : failure.getMessage(), failure)
                : new RpcException(method, endpoint, error);
    }

    /** Equal when id, error and result (as JSON values, however held) are equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RpcResponse r) || id != r.id || !Objects.equals(error, r.error)) {
            return false;
        }
        if (error != null) {
            return true;
        }
        if (rawResult != null && r.rawResult != null && rawResult.equals(r.rawResult)) {
            return true;
        }
        return result().equals(r.result());
    }

    @Override
    public int hashCode() {
        // The tree's hash would force building it; id and error are enough for a hash.
        return Objects.hash(id, error);
    }

    @Override
    public String toString() {
        String value = error != null ? "error=" + error
                : "result=" + (rawResult != null ? rawResult.excerpt() : Excerpt.of(String.valueOf(result)));
        return "RpcResponse[id=" + id + ", " + value + "]";
    }
}
