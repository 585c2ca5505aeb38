package io.ethbus.heads;

import io.ethbus.eth.Block;
import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.primitives.Hash;
import io.ethbus.provider.SubscriptionProvider;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows the chain head of one endpoint over a persistent connection: a newHeads
 * subscription feeds a {@link HeadSequencer}; when the connection drops it reconnects
 * with capped exponential backoff, subscribes again and backfills from the node's current
 * head, so the sink sees every block number exactly once, in order, with reorgs reported.
 * Costs nothing while the chain is idle: no polling, no timer unless reconnecting.
 * Used from one context only.
 */
public final class HeadFollower implements ChainFollower {
    private static final System.Logger LOG = System.getLogger(HeadFollower.class.getName());

    private final Vertx vertx;
    private final SubscriptionProvider provider;
    private final RpcCaller caller;
    private final HeadSequencer sequencer;
    private final Duration baseBackoff;
    private final Duration maxBackoff;
    private int attempt;
    private long reconnects;
    private long malformed;
    private long timer = -1;
    private String subscription;
    private String pendingSubscription;
    private final Consumer<String> pendingSink;
    private boolean stopped;

    /**
     * @param pendingSink receives the hash of each pending transaction the node announces
     *                    (newPendingTransactions; no backfill is possible for those), or null
     */
    public HeadFollower(Vertx vertx, SubscriptionProvider provider, int maxReorgDepth,
                        Duration baseBackoff, Duration maxBackoff, Consumer<HeadEvent> sink,
                        Consumer<String> pendingSink) {
        this.vertx = vertx;
        this.pendingSink = pendingSink;
        this.provider = provider;
        // ids of its own range: a client over the same connection (EthClient.direct) counts from 1
        this.caller = new RpcCaller(provider, new RpcIds(1L << 36));
        this.sequencer = new HeadSequencer(BlockSource.over(caller), maxReorgDepth, sink);
        this.baseBackoff = baseBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Subscribes and delivers the current head; completes once the subscription is in place. */
    @Override
    public Future<Void> start() {
        provider.disconnectHandler(reason -> {
            subscription = null;
            pendingSubscription = null;
            LOG.log(System.Logger.Level.INFO, "heads of {0} lost: {1}; reconnecting", provider.endpoint(), reason);
            scheduleReconnect();
        });
        return subscribe();
    }

    @Override
    public Future<Void> startAfter(Hash last) {
        return sequencer.resumeAfter(last).compose(v -> start());
    }

    @Override
    public Future<Void> stop() {
        stopped = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        provider.disconnectHandler(null);
        Future<Void> pending = pendingSubscription == null ? Future.succeededFuture()
                : provider.unsubscribe(pendingSubscription).mapEmpty();
        Future<Void> heads = subscription == null ? Future.succeededFuture() : provider.unsubscribe(subscription).mapEmpty();
        return Future.join(pending, heads).mapEmpty();
    }

    /** How many times the connection was opened again after a drop. */
    @Override
    public long reconnects() {
        return reconnects;
    }

    /** Pushed heads that could not be read (they are skipped; the next head backfills them). */
    public long malformedHeads() {
        return malformed;
    }

    private Future<Void> subscribe() {
        return provider.subscribe("newHeads", null, json -> {
            Block head;
            try {
                head = Block.fromJson(json);
            } catch (RuntimeException e) {
                malformed++;
                return;
            }
            sequencer.onHead(head);
        }).compose(id -> {
            subscription = id;
            attempt = 0;
            return pendingSink == null ? Future.succeededFuture((String) null)
                    : provider.subscribe("newPendingTransactions", null, hash -> pendingSink.accept(hash.asText()));
        }).compose(pendingId -> {
            pendingSubscription = pendingId;
            // Anything mined while no subscription was in place is backfilled from here.
            return caller.call(EthCalls.getBlockByNumber(BlockId.LATEST, false));
        }).compose(latest -> latest.map(sequencer::onHead).orElse(Future.succeededFuture()));
    }

    private void scheduleReconnect() {
        if (stopped || timer >= 0) {
            return; // a drop and a failed attempt may both ask: one timer is enough
        }
        long delay = Math.min(maxBackoff.toMillis(), baseBackoff.toMillis() << Math.min(attempt, 20));
        attempt++;
        timer = vertx.setTimer(Math.max(1, delay), t -> {
            timer = -1;
            subscribe().onSuccess(v -> reconnects++).onFailure(e -> {
                LOG.log(System.Logger.Level.DEBUG, "reconnect to {0} failed: {1}", provider.endpoint(), e.getMessage());
                scheduleReconnect();
            });
        });
    }
}
