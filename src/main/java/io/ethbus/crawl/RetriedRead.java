package io.ethbus.crawl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The reads a crawl makes before any block (the head, the trace API), each asked again after a
 * passing failure (a connection refused or dropped, a timeout, an overloaded node) with the
 * batches' backoff ({@link BatchDispatcher#waitMillis}), at most {@code maxRetries} times. A
 * failure that retrying cannot help, or one that outlasts the retries, is a
 * {@link CrawlException} naming the method and the attempts, with the node's failure as its
 * cause. Counts the retries of all its reads. Crawl context only.
 */
final class RetriedRead {
    private final Vertx vertx;
    private final int maxRetries;
    private int retries;

    RetriedRead(Vertx vertx, int maxRetries) {
        this.vertx = vertx;
        this.maxRetries = maxRetries;
    }

    /** {@code read} of {@code method} until it succeeds or fails for good; {@code passing}: the failures worth another attempt. */
    <T> Future<T> ask(String method, Supplier<Future<T>> read, Predicate<Throwable> passing) {
        return attempt(method, read, passing, 0);
    }

    private <T> Future<T> attempt(String method, Supplier<Future<T>> read, Predicate<Throwable> passing, int attempt) {
        return read.get().recover(cause -> {
            if (!passing.test(cause) || attempt >= maxRetries) {
                return Future.failedFuture(new CrawlException(method + " failed"
                        + (attempt > 0 ? " after " + (attempt + 1) + " attempts" : "") + ": " + cause.getMessage(), cause));
            }
            retries++;
            Promise<T> again = Promise.promise();
            vertx.setTimer(BatchDispatcher.waitMillis(attempt, cause),
                    id -> attempt(method, read, passing, attempt + 1).onComplete(again));
            return again.future();
        });
    }

    /** How many times its reads were asked again. */
    int retries() {
        return retries;
    }
}
