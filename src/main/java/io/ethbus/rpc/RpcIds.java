package io.ethbus.rpc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Source of request ids, one per client or provider instance (never a global), so that
 * every id in one batch or on one connection is distinct.
 */
public final class RpcIds {
    private final AtomicLong next;

    public RpcIds() {
        this(1);
    }

    public RpcIds(long first) {
        this.next = new AtomicLong(first);
    }

    public long next() {
        return next.getAndIncrement();
    }
}
