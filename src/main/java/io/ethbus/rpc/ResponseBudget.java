package io.ethbus.rpc;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many answer bytes this JVM may hold while it reads answers, derived from its heap
 * ({@link Runtime#maxMemory()}): one answer may grow to {@link #defaultCeiling()} (a quarter of
 * the heap, never more than {@link #MAX_DEFAULT_CEILING}) unless the caller configured its own
 * ceiling, and all answers being read at once share {@link #total()} (half of the heap). An answer
 * whose next bytes do not fit fails with {@link PayloadTooLargeException} instead of buffering,
 * so that a large answer, or several at once, end in a typed error rather than an
 * {@link OutOfMemoryError}.
 * <p>
 * Readers {@link #tryReserve reserve} bytes as they arrive and {@link #release release} them
 * when the answer is complete or has failed. One budget per Vert.x instance ({@link #of(Vertx)}),
 * kept in its local shared data rather than in a static field; thread-safe.
 */
public final class ResponseBudget implements Shareable {
    /** The most the heap-derived ceiling of one answer ever allows: 256 MiB. */
    public static final long MAX_DEFAULT_CEILING = 256L * 1024 * 1024;
    private static final String MAP = "ethbus.response-budget";
    private static final long MIB = 1024 * 1024;

    private final long heapBytes;
    private final long defaultCeiling;
    private final long total;
    private final AtomicLong inFlight = new AtomicLong();

    /** A budget for a heap of {@code maxHeapBytes} (tests use small ones; see {@link #of(Vertx)}). */
    public ResponseBudget(long maxHeapBytes) {
        if (maxHeapBytes <= 0) {
            throw new IllegalArgumentException("heap size must be positive, got " + maxHeapBytes);
        }
        this.heapBytes = maxHeapBytes;
        this.defaultCeiling = Math.min(maxHeapBytes / 4, MAX_DEFAULT_CEILING);
        this.total = maxHeapBytes / 2;
    }

    /** The budget of {@code vertx}, sized by this JVM's heap, made on first use. */
    public static ResponseBudget of(Vertx vertx) {
        LocalMap<String, ResponseBudget> map = vertx.sharedData().getLocalMap(MAP);
        ResponseBudget existing = map.get("budget");
        if (existing != null) {
            return existing;
        }
        ResponseBudget mine = new ResponseBudget(Runtime.getRuntime().maxMemory());
        existing = map.putIfAbsent("budget", mine);
        return existing == null ? mine : existing;
    }

    /** The ceiling of one answer when none is configured: a quarter of the heap, at most {@link #MAX_DEFAULT_CEILING}. */
    public long defaultCeiling() {
        return defaultCeiling;
    }

    /** The bytes all answers being read at once may hold together: half of the heap. */
    public long total() {
        return total;
    }

    /** The bytes reserved right now. */
    public long inFlight() {
        return inFlight.get();
    }

    /** The ceiling of one answer: {@code configured} when positive, else {@link #defaultCeiling()}. */
    public long ceiling(long configured) {
        return configured > 0 ? configured : defaultCeiling;
    }

    /**
     * Reserves {@code bytes} if they fit in what is left of {@link #total()}; nothing is
     * reserved when they do not.
     */
    public boolean tryReserve(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot reserve " + bytes + " bytes");
        }
        long now;
        do {
            now = inFlight.get();
            if (now + bytes > total) {
                return false;
            }
        } while (!inFlight.compareAndSet(now, now + bytes));
        return true;
    }

    /** Gives back {@code bytes} reserved earlier. */
    public void release(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("cannot release " + bytes + " bytes");
        }
        long left = inFlight.addAndGet(-bytes);
        if (left < 0) {
            // a release without its reservation is a bug in the reader; keep the count usable
            inFlight.addAndGet(-left);
            throw new IllegalStateException("released " + bytes + " bytes, " + (bytes + left) + " were reserved");
        }
    }

    /**
     * The error for an answer that crossed {@code ceiling} after {@code bytesSeen} bytes; when
     * the ceiling is the heap-derived one, the message says so and how to change it.
     */
    public PayloadTooLargeException overCeiling(String method, String endpoint, long bytesSeen, long ceiling,
                                                boolean configured) {
        String advice = configured ? "the configured maxResponseBytes"
                : "the default ceiling, a quarter of the " + heapBytes / MIB + " MiB heap (at most "
                + MAX_DEFAULT_CEILING / MIB + " MiB); set maxResponseBytes or raise -Xmx to allow more";
        return new PayloadTooLargeException(method, endpoint, bytesSeen, ceiling, "answer", advice);
    }

    /**
     * The error for an answer refused because the answers being read at once would pass
     * {@link #total()}: it had {@code reserved} bytes and {@code bytesSeen} arrived.
     */
    public PayloadTooLargeException overBudget(String method, String endpoint, long bytesSeen, long reserved) {
        long room = Math.max(0, total - inFlight.get()) + reserved;
        return new PayloadTooLargeException(method, endpoint, bytesSeen, room, "answer",
                "answers being read at once would hold more than " + total / MIB + " MiB, half of the "
                        + heapBytes / MIB + " MiB heap; raise -Xmx or ask for fewer large answers at once");
    }
}
