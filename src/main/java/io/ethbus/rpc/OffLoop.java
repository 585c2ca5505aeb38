package io.ethbus.rpc;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.concurrent.Callable;

/**
 * The one rule for CPU work on what a node answered (reading JSON into records, rewriting a
 * result, decoding ABI data, logs or multicall results): work on {@link #HEAVY_BYTES} of input or
 * more that is asked for on an event loop runs on a worker of the same context, so the loop keeps
 * serving; smaller work runs where it is asked for, since a worker hop costs more than it saves.
 * <pre>{@code OffLoop.run(returnData.length(), () -> function.decodeReturn(returnData))}</pre>
 */
public final class OffLoop {
    /** 1 MiB of input: 200,000 logs (107 MiB of JSON) take seconds of CPU, 1 MiB a few milliseconds. */
    public static final int HEAVY_BYTES = 1 << 20;

    private OffLoop() {
    }

    /** True when work on {@code inputBytes} of input is heavy. */
    public static boolean isHeavy(long inputBytes) {
        return inputBytes >= HEAVY_BYTES;
    }

    /**
     * {@code work} on {@code inputBytes} of input: on a worker when heavy and asked for on an event
     * loop, else here. Its exceptions fail the returned future; its result completes on the caller's
     * context either way.
     */
    public static <T> Future<T> run(long inputBytes, Callable<T> work) {
        Context context = Vertx.currentContext();
        if (isHeavy(inputBytes) && context != null && Context.isOnEventLoopThread()) {
            return context.executeBlocking(work, false);
        }
        try {
            return Future.succeededFuture(work.call());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }
}
