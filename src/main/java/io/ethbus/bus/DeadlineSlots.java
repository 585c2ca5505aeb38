package io.ethbus.bus;

import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deadlines of the calls one handler serves, grouped in slots of {@value #SLOT_MILLIS} ms
 * with one timer per slot: a timer per call (set, then nearly always cancelled) cost more than
 * serving a small call. A call's action runs at most one slot after its deadline, unless the
 * call was {@linkplain Pending#cancel() cancelled} before. A finished call leaves its slot at
 * once, so a slot holds only the calls under way. Thread-safe: calls may finish on any thread.
 */
final class DeadlineSlots {
    /** How late past its deadline a call's action may run. */
    static final long SLOT_MILLIS = 10;

    private final Vertx vertx;
    /** Slots by the epoch millisecond at which they end; each has a timer set for that time. */
    private final Map<Long, Slot> slots = new HashMap<>();

    DeadlineSlots(Vertx vertx) {
        this.vertx = vertx;
    }

    /** A call waiting for its deadline; cancel it when the call is answered. */
    final class Pending {
        private final Runnable onPassed;
        private Slot slot;
        private Pending prev;
        private Pending next;

        private Pending(Runnable onPassed) {
            this.onPassed = onPassed;
        }

        /** The deadline no longer matters: the action will not run. */
        void cancel() {
            synchronized (DeadlineSlots.this) {
                if (slot != null) {
                    slot.unlink(this);
                }
            }
        }
    }

    /** The calls whose deadlines end in one slot, linked both ways so that one leaves in constant time. */
    private static final class Slot {
        private Pending first;

        void link(Pending p) {
            p.slot = this;
            p.next = first;
            if (first != null) {
                first.prev = p;
            }
            first = p;
        }

        void unlink(Pending p) {
            if (p.prev != null) {
                p.prev.next = p.next;
            } else {
                first = p.next;
            }
            if (p.next != null) {
                p.next.prev = p.prev;
            }
            p.slot = null;
            p.prev = null;
            p.next = null;
        }
    }

    /** Runs {@code onPassed} once {@code deadlineMillis} (epoch ms) has passed, unless cancelled before. */
    Pending add(long deadlineMillis, Runnable onPassed) {
        long end = Math.floorDiv(deadlineMillis + SLOT_MILLIS - 1, SLOT_MILLIS) * SLOT_MILLIS;
        Pending pending = new Pending(onPassed);
        boolean newSlot;
        synchronized (this) {
            Slot slot = slots.get(end);
            newSlot = slot == null;
            if (newSlot) {
                slot = new Slot();
                slots.put(end, slot);
            }
            slot.link(pending);
        }
        if (newSlot) {
            // an empty slot's timer is left to fire: cancelling it would cost what it saves
            vertx.setTimer(Math.max(1, end - System.currentTimeMillis()), t -> expire(end));
        }
        return pending;
    }

    private void expire(long end) {
        List<Runnable> passed = new ArrayList<>();
        synchronized (this) {
            Slot slot = slots.remove(end);
            while (slot != null && slot.first != null) {
                Pending p = slot.first;
                passed.add(p.onPassed);
                slot.unlink(p);
            }
        }
        passed.forEach(Runnable::run); // outside the lock: an action sends a message
    }
}
