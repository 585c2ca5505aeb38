package io.ethbus.provider;

import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ResponseBudget;

/**
 * The bytes of the answer a persistent connection (WebSocket or IPC) is reading, held in the
 * JVM's {@link ResponseBudget} as they accumulate, within the connection's ceiling
 * ({@code maxMessageBytes}). A connection reads one message at a time, so it has one
 * reservation, resized to what it holds after each read and released when the message has
 * been handed over, refused, or cut off by the connection closing. Used on the connection's
 * context only.
 */
final class AnswerReservation {
    private final ResponseBudget budget;
    private final long ceiling;
    private final String endpoint;
    private long reserved;
    private PayloadTooLargeException refusal;

    AnswerReservation(ResponseBudget budget, long ceiling, String endpoint) {
        this.budget = budget;
        this.ceiling = ceiling;
        this.endpoint = endpoint;
    }

    /**
     * Makes the reservation exactly {@code bytes}. False when they pass the ceiling or do not fit
     * in the budget: then nothing is reserved any more, and {@link #refusal()} says why.
     */
    boolean hold(long bytes) {
        if (bytes > ceiling) {
            return refuse(new PayloadTooLargeException(null, endpoint, bytes, ceiling, "answer",
                    "the connection's maxMessageBytes (by default a quarter of the heap, at most "
                            + ConnectionOptions.DEFAULT_MAX_MESSAGE_BYTES / (1024 * 1024)
                            + " MiB); set maxMessageBytes or raise -Xmx to allow more"));
        }
        if (bytes < reserved) {
            budget.release(reserved - bytes);
        } else if (bytes > reserved && !budget.tryReserve(bytes - reserved)) {
            return refuse(budget.overBudget(null, endpoint, bytes, reserved));
        }
        reserved = bytes;
        return true;
    }

    /** Gives back everything reserved: the message was handed over, or the connection is gone. */
    void release() {
        hold(0);
    }

    /** Why the last refused message was refused (its method not known yet), or null. */
    PayloadTooLargeException refusal() {
        return refusal;
    }

    private boolean refuse(PayloadTooLargeException why) {
        refusal = why;
        release();
        return false;
    }
}
