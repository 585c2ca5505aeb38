package io.ethbus.eth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.JsonCursor;
import io.ethbus.rpc.MemberNames;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.RpcCall;
import io.ethbus.rpc.RpcMethod;

import java.util.List;

import static io.ethbus.rpc.JsonRpcCodec.params;

/**
 * The typed description of the tracing methods: geth's debug namespace with a {@link Tracer}
 * and the parity-style trace namespace. {@link Debug} and {@link Trace} run them one at a
 * time; a {@link io.ethbus.rpc.Batch} runs them together. Answers are read off the node's text
 * with a {@link JsonCursor} (the traces of a busy block are many MiB), on a worker when large.
 *
 * <pre>batch.add(TraceCalls.traceBlock(BlockId.number(17_000_000), Tracer.CALL))</pre>
 */
public final class TraceCalls {
    /** Members of one element of a debug_traceBlockBy* answer. */
    private static final MemberNames BLOCK_ELEMENT = MemberNames.of("txHash", "result", "error");

    private TraceCalls() {
    }

    /** debug_traceTransaction: what {@code tracer} makes of one mined transaction. */
    public static <T> RpcCall<T> traceTransaction(Hash transaction, Tracer<T> tracer) {
        return new RpcCall<>(RpcMethod.DEBUG_TRACE_TRANSACTION.wireName(), params(transaction.toHex(), tracer.options()),
                tracer.decoder(), tracer.reader());
    }

    /** debug_traceBlockByNumber (or ByHash for a block given by hash): one trace per transaction, in block order. */
    public static <T> RpcCall<List<TransactionTrace<T>>> traceBlock(BlockId block, Tracer<T> tracer) {
        boolean byHash = block instanceof BlockId.ByHash;
        RpcMethod method = byHash ? RpcMethod.DEBUG_TRACE_BLOCK_BY_HASH : RpcMethod.DEBUG_TRACE_BLOCK_BY_NUMBER;
        Object param = byHash ? ((BlockId.ByHash) block).hash().toHex() : block.toBlockParam();
        return new RpcCall<>(method.wireName(), params(param, tracer.options()),
                ResultDecoders.list(node -> transactionTrace(node, tracer)),
                ResultReaders.list(c -> transactionTrace(c, tracer)));
    }

    /** trace_block: the flat traces of every transaction of a block (and its rewards, where the node adds them). */
    public static RpcCall<List<ParityTrace>> block(BlockId block) {
        return flat(RpcMethod.TRACE_BLOCK, block.toBlockParam());
    }

    /** trace_transaction: the flat traces of one transaction. */
    public static RpcCall<List<ParityTrace>> transaction(Hash transaction) {
        return flat(RpcMethod.TRACE_TRANSACTION, transaction.toHex());
    }

    private static RpcCall<List<ParityTrace>> flat(RpcMethod method, String param) {
        // one small tree per trace, never one of the answer
        return new RpcCall<>(method.wireName(), params(param), ResultDecoders.list(ParityTrace::fromJson),
                ResultReaders.list(c -> ParityTrace.fromJson(c.readTree())));
    }

    private static <T> TransactionTrace<T> transactionTrace(JsonNode node, Tracer<T> tracer) {
        JsonFields f = JsonFields.of(node, "transactionTrace");
        JsonNode result = f.optional("result");
        return new TransactionTrace<>(f.optHash("txHash"), result == null ? null : tracer.decoder().apply(result),
                error(f.optText("error"), result));
    }

    private static <T> TransactionTrace<T> transactionTrace(JsonCursor c, Tracer<T> tracer) {
        if (c.peek() != '{') {
            return transactionTrace(c.readTree(), tracer); // the tree path words the error
        }
        c.next();
        Hash hash = null;
        T result = null;
        String error = null;
        for (boolean first = true; c.nextMember(first); first = false) {
            int member = c.memberName(BLOCK_ELEMENT);
            if (member < 0 || c.peek() == 'n') {
                c.skipValue();
            } else if (member == 0) {
                hash = JsonFields.parse(c.readTree(), "transactionTrace.txHash", Hash::of);
            } else if (member == 1) {
                result = tracer.reader().read(c);
            } else {
                error = text(c.readTree());
            }
        }
        return new TransactionTrace<>(hash, result, error(error, result));
    }

    private static String text(JsonNode error) {
        if (!error.isTextual()) {
            throw new MalformedResponseException(null, null, "transactionTrace.error must be a string, got "
                    + error.getNodeType());
        }
        return error.textValue();
    }

    /** A trace has a result or says why not; neither is a malformed answer. */
    private static String error(String error, Object result) {
        if (result == null && error == null) {
            throw new MalformedResponseException(null, null, "transactionTrace has neither 'result' nor 'error'");
        }
        return error;
    }
}
