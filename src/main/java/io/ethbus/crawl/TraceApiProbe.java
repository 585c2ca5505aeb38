package io.ethbus.crawl;

import io.ethbus.primitives.Hex;
import io.ethbus.rpc.FailureClass;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcException;
import io.vertx.core.Future;

import java.util.Locale;

/**
 * Finds, once per crawl and before any block is fetched, which trace API the node has: it
 * asks for the traces of block 0 (no transactions: a cheap answer), the debug namespace
 * first. An answer, or any error but "method not found" (geth will not trace genesis), means
 * the node has the method. A node with neither, or without the one forced, is a
 * {@link CrawlConfigException}: the crawl stops before it writes anything. A passing failure
 * (a dead or flapping node, a rate limit) is asked again with the crawl's backoff
 * ({@link RetriedRead}); one that outlasts the retries is a {@link CrawlException}, as for the head.
 */
final class TraceApiProbe {
    private final RpcCaller caller;
    private final RetriedRead reads;

    TraceApiProbe(RpcCaller caller, RetriedRead reads) {
        this.caller = caller;
        this.reads = reads;
    }

    /** The API to read traces with: {@code forced} when the node has it, else the first it has. */
    Future<TraceApi> detect(TraceApi forced) {
        if (forced != null) {
            return has(forced).map(yes -> {
                if (!yes) {
                    throw new CrawlConfigException("--trace-api " + forced.name().toLowerCase(Locale.ROOT)
                            + ": the node at " + caller.endpoint() + " does not have " + forced.method().wireName());
                }
                return forced;
            });
        }
        return has(TraceApi.DEBUG).compose(debug -> debug ? Future.succeededFuture(TraceApi.DEBUG)
                : has(TraceApi.TRACE).map(trace -> {
                    if (!trace) {
                        throw new CrawlConfigException("the node at " + caller.endpoint() + " has no trace API "
                                + "(neither " + TraceApi.DEBUG.method().wireName() + " nor "
                                + TraceApi.TRACE.method().wireName() + "): the datasets traces, contracts and "
                                + "native_transfers need one");
                    }
                    return TraceApi.TRACE;
                }));
    }

    private Future<Boolean> has(TraceApi api) {
        return reads.ask(api.method().wireName(),
                        () -> caller.request(api.method().wireName(), api.params(Hex.quantity(0))).map(answer -> true),
                        cause -> FailureClass.of(cause).retryable())
                .recover(failure -> {
                    Throwable cause = failure.getCause();
                    if (FailureClass.of(cause).methodMissing()) {
                        return Future.succeededFuture(false);
                    }
                    // an error from the method itself (geth will not trace genesis): the node has it
                    return cause instanceof RpcException && !FailureClass.of(cause).retryable()
                            ? Future.succeededFuture(true) : Future.failedFuture(failure);
                });
    }
}
