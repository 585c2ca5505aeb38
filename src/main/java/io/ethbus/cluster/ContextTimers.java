package io.ethbus.cluster;

import io.vertx.core.Context;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler bucket4j's scheduling bucket wakes a waiting caller with: each delayed task
 * is a Vert.x timer of the caller's context, so a wait for a turn holds no thread and the
 * task runs where the caller runs. One-shot tasks only (all bucket4j asks for); it owns no
 * thread, so there is nothing to shut down.
 */
final class ContextTimers extends AbstractExecutorService implements ScheduledExecutorService {
    private final Context context;

    ContextTimers(Context context) {
        this.context = context;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return schedule(() -> {
            task.run();
            return null;
        }, delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> task, long delay, TimeUnit unit) {
        DelayedTask<V> delayed = new DelayedTask<>(System.nanoTime() + unit.toNanos(delay));
        // Rounded up: a turn is never taken before it is due. The timer is set on the context's own
        // thread so that it belongs to that context, whichever thread (a Hazelcast one) asked.
        long millis = Math.max(1, (unit.toNanos(delay) + 999_999) / 1_000_000);
        context.runOnContext(v -> context.owner().setTimer(millis, id -> delayed.run(task)));
        return delayed;
    }

    @Override
    public void execute(Runnable task) {
        context.runOnContext(v -> task.run());
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("one-shot timers only");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("one-shot timers only");
    }

    @Override
    public void shutdown() {
        // owns no thread
    }

    @Override
    public List<Runnable> shutdownNow() {
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return false;
    }

    @Override
    public boolean isTerminated() {
        return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return false;
    }

    /** A task waiting for its timer; cancelling it keeps the task from running. */
    private static final class DelayedTask<V> extends CompletableFuture<V> implements ScheduledFuture<V> {
        private final long dueNanos;

        DelayedTask(long dueNanos) {
            this.dueNanos = dueNanos;
        }

        void run(Callable<V> task) {
            if (isDone()) {
                return; // cancelled
            }
            try {
                complete(task.call());
            } catch (Exception e) {
                completeExceptionally(e);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
