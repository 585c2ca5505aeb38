package io.ethbus.crawl;

import io.ethbus.rpc.FailureClass;

/** What a failed read means for the crawl: slow down, retry, switch method or give up; read off {@link FailureClass}. */
enum FailureKind {
    /** The node is overloaded or the answer too big: halve the knobs, then retry in smaller pieces. */
    OVERLOAD,
    /** A passing failure (connection, 5xx, garbled answer, a server error): retry with backoff. */
    TRANSIENT,
    /** The node lacks the method (eth_getBlockReceipts): use the fallback. */
    METHOD_MISSING,
    /** Retrying cannot help. */
    FATAL;

    static FailureKind of(Throwable failure) {
        FailureClass f = FailureClass.of(failure);
        if (f.overload() || f.tooLarge()) {
            return OVERLOAD;
        }
        if (f.methodMissing()) {
            return METHOD_MISSING;
        }
        // the crawl only reads blocks and receipts, a bounded number of times: a server error may pass
        return f.retryable() || f.serverError() ? TRANSIENT : FATAL;
    }
}
