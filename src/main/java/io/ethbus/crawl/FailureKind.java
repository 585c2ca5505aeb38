package io.ethbus.crawl;

import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcException;

import java.util.Locale;

/** What a failed read means for the crawl: slow down, retry, switch method or give up. */
enum FailureKind {
    /** The node is overloaded or the request too big: halve the knobs, then retry. */
    OVERLOAD,
    /** A passing failure (connection, 5xx, garbled answer): retry with backoff. */
    TRANSIENT,
    /** The node lacks the method (eth_getBlockReceipts): use the fallback. */
    METHOD_MISSING,
    /** Retrying cannot help. */
    FATAL;

    static FailureKind of(Throwable failure) {
        // an answer past the memory ceiling: smaller batches fit (a block too large alone fails after the retries)
        if (failure instanceof ProviderTimeoutException || failure instanceof PayloadTooLargeException) {
            return OVERLOAD;
        }
        if (failure instanceof HttpStatusException http) {
            int s = http.status();
            if (s == 429 || s == 413 || s == 503) {
                return OVERLOAD;
            }
            return s >= 500 ? TRANSIENT : FATAL;
        }
        if (failure instanceof RpcException rpc) {
            String message = rpc.rpcMessage().toLowerCase(Locale.ROOT);
            if (rpc.code() == -32005 || rpc.code() == -32003 || message.contains("too many")
                    || message.contains("too large") || message.contains("limit exceeded") || message.contains("rate limit")) {
                return OVERLOAD;
            }
            if (rpc.code() == -32601 || message.contains("method not found") || message.contains("not supported")) {
                return METHOD_MISSING;
            }
            // -32000..-32099 are server errors, often passing ("header not found" on a lagging node)
            return rpc.code() <= -32000 && rpc.code() >= -32099 ? TRANSIENT : FATAL;
        }
        if (failure instanceof ProviderConnectionException || failure instanceof MalformedResponseException) {
            return TRANSIENT;
        }
        return FATAL;
    }
}
