package io.ethbus.cli;

import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.vertx.core.Future;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place the command line blocks: its main thread (never an event loop) waits for
 * the future its work ends in, and turns any failure into the typed error it stands for.
 */
final class MainThreadWait {
    private MainThreadWait() {
    }

    /** Waits without limit (the work bounds itself). */
    static <T> T await(Future<T> future) {
        return await(future, null, null, null);
    }

    /** Waits at most {@code timeout} (null: without limit); {@code method}/{@code endpoint} name the call in errors. */
    static <T> T await(Future<T> future, String method, String endpoint, Duration timeout) {
        try {
            return timeout == null
                    ? future.toCompletionStage().toCompletableFuture().get()
                    : future.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ProviderTimeoutException(method, endpoint, timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EthbusException ethbus) {
                throw ethbus;
            }
            throw new EthbusException(method, endpoint, String.valueOf(e.getCause().getMessage()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EthbusException(method, endpoint, "interrupted", e);
        }
    }
}
