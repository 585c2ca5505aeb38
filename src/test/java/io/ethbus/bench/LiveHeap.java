package io.ethbus.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The largest heap still in use right after any collection since {@link #watch()}: the live
 * data a computation needed at its worst, as far as the collections caught it, without the
 * garbage that a pool's peak also counts.
 */
final class LiveHeap {
    private final AtomicLong max = new AtomicLong();

    private LiveHeap() {
    }

    static LiveHeap watch() {
        LiveHeap live = new LiveHeap();
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(p -> p.getName()).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> heapPools.contains(e.getKey())).map(e -> e.getValue())
                            .mapToLong(MemoryUsage::getUsed).sum();
                    live.max.accumulateAndGet(used, Math::max);
                }
            }, null, null);
        }
        return live;
    }

    /** The largest heap in use after a collection so far (0 when none ran). */
    long max() {
        return max.get();
    }
}
