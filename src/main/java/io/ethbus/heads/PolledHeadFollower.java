package io.ethbus.heads;

import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hash;
import io.ethbus.rpc.RpcCaller;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows the head of an HTTP-only endpoint by asking eth_blockNumber every
 * {@code pollInterval} — a deliberate, documented timer, unlike the pushed followers — and
 * fetching the new head when the number moved; the {@link HeadSequencer} backfills and
 * detects reorgs exactly as for pushed heads. A failed poll is counted and the next one
 * goes on. Used from one context only.
 */
public final class PolledHeadFollower implements ChainFollower {
    private final Vertx vertx;
    private final RpcCaller caller;
    private final Duration pollInterval;
    private final HeadSequencer sequencer;
    private long timer = -1;
    private long lastNumber = -1;
    private long failedPolls;
    private boolean polling;

    public PolledHeadFollower(Vertx vertx, RpcCaller caller, Duration pollInterval, int maxReorgDepth,
                              Consumer<HeadEvent> sink) {
        this.vertx = vertx;
        this.caller = caller;
        this.pollInterval = pollInterval;
        this.sequencer = new HeadSequencer(BlockSource.over(caller), maxReorgDepth, sink);
    }

    @Override
    public Future<Void> start() {
        timer = vertx.setPeriodic(pollInterval.toMillis(), t -> poll());
        return poll();
    }

    @Override
    public Future<Void> startAfter(Hash last) {
        return sequencer.resumeAfter(last).compose(v -> start());
    }

    @Override
    public Future<Void> stop() {
        vertx.cancelTimer(timer);
        return Future.succeededFuture();
    }

    /** Polls never reconnect: each is a fresh HTTP call. */
    @Override
    public long reconnects() {
        return 0;
    }

    public long failedPolls() {
        return failedPolls;
    }

    private Future<Void> poll() {
        if (polling) {
            return Future.succeededFuture(); // the last poll is still backfilling
        }
        polling = true;
        return caller.call(EthCalls.blockNumber()).compose(number -> {
            if (number == lastNumber) {
                return Future.<Void>succeededFuture();
            }
            return caller.call(EthCalls.getBlockByNumber(BlockId.number(number), false))
                    .compose(block -> block.map(b -> {
                        lastNumber = number;
                        return sequencer.onHead(b);
                    }).orElse(Future.succeededFuture()));
        }).onFailure(e -> failedPolls++).eventually(() -> {
            polling = false;
            return Future.succeededFuture();
        }).recover(e -> Future.succeededFuture());
    }
}
