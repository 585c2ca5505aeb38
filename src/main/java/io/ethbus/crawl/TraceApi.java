package io.ethbus.crawl;

import io.ethbus.eth.Tracer;
import io.ethbus.rpc.RpcMethod;

import java.util.Locale;

/**
 * Where the trace datasets come from: geth's debug namespace ({@code debug_traceBlockByNumber}
 * with the {@code callTracer}) or the parity-style trace namespace ({@code trace_block}).
 * Detected once per crawl by {@link TraceApiProbe}, or forced with {@code --trace-api}.
 */
public enum TraceApi {
    DEBUG(RpcMethod.DEBUG_TRACE_BLOCK_BY_NUMBER),
    TRACE(RpcMethod.TRACE_BLOCK);

    private final RpcMethod method;

    TraceApi(RpcMethod method) {
        this.method = method;
    }

    /** The per-block method this API is read with. */
    public RpcMethod method() {
        return method;
    }

    /** The params of the per-block method for block {@code number} (hex): with the callTracer's options for debug. */
    Object[] params(String number) {
        return this == DEBUG ? new Object[] {number, Tracer.CALL.options()} : new Object[] {number};
    }

    /** Parses {@code debug} or {@code trace}; throws {@link CrawlConfigException} for anything else. */
    public static TraceApi parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "debug" -> DEBUG;
            case "trace" -> TRACE;
            default -> throw new CrawlConfigException("--trace-api must be debug or trace, got '" + text + "'");
        };
    }
}
