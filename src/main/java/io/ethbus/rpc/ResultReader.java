package io.ethbus.rpc;

/**
 * Reads a call's result straight from a {@link JsonCursor}, for results too large to turn
 * into a tree first (logs, full blocks, receipts). The cursor stands before the result; the
 * reader consumes exactly that value. Errors are reported as for the tree decoder of
 * {@link RpcCall}.
 */
@FunctionalInterface
public interface ResultReader<T> {
    T read(JsonCursor cursor);
}
