package io.ethbus.rpc;

import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;

/**
 * Reads a call's result straight from a streaming parser, for results too large to turn
 * into a tree first (logs, full blocks, receipts). The parser stands on the result's first
 * token; the reader consumes exactly that value. Errors are reported as for the tree
 * decoder of {@link RpcCall}.
 */
@FunctionalInterface
public interface ResultReader<T> {
    T read(JsonParser parser) throws IOException;
}
