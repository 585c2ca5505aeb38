package io.ethbus.eth;

import io.ethbus.primitives.Hash;

/**
 * The trace of one transaction of a block, as {@code debug_traceBlockBy*} answer it: the
 * transaction's hash (null from nodes that do not send it) and the tracer's result, or the
 * error the node met tracing it (then {@code result} is null).
 */
public record TransactionTrace<T>(Hash transactionHash, T result, String error) {
}
