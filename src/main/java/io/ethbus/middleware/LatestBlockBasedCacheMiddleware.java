package io.ethbus.middleware;

import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.CacheRule;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCall;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Remembers reads at the head of the chain (eth_blockNumber, eth_gasPrice, and balance,
 * code, storage, nonce, eth_call, block and fee history at "latest" or without a block param)
 * for as long as the head stays the same. The layer tracks the head itself with its own
 * eth_blockNumber through the layers below, asked again once an average block time has
 * passed since the last look; when the head has moved, everything cached is dropped. The
 * average is a moving average of the head changes it has seen, starting from
 * {@code initialBlockTime}. Errors, null results and pending reads are never cached.
 * A reorganisation that replaces the head without changing its number goes unseen until
 * the next block. The methods are those {@link RpcMethod} caches {@link CacheRule#WHILE_HEAD}.
 *
 * <pre>new LatestBlockBasedCacheMiddleware(4096, Duration.ofSeconds(12))</pre>
 */
public final class LatestBlockBasedCacheMiddleware implements Middleware {
    private static final CacheKey BLOCK_NUMBER = new CacheKey(RpcMethod.ETH_BLOCK_NUMBER.wireName(), "[]");
    private static final int SAMPLES = 8;
    /** Bounds on one block-time sample: a burst of instant blocks or a long idle stretch must not dominate. */
    private static final long MIN_SAMPLE_MILLIS = 50;
    private static final long MAX_SAMPLE_MILLIS = 60_000;

    /** Whole responses, so a raw result stays raw (no tree is built to cache it), detached from their bodies. */
    private final LruCache<CacheKey, RpcResponse> cache;
    private final Duration initialBlockTime;
    private final Clock clock;
    private final LayerCalls calls = new LayerCalls(LayerCalls.LATEST_BLOCK_CACHE);
    private final ArrayDeque<Long> blockTimeSamples = new ArrayDeque<>(SAMPLES);

    private long head = -1;
    private long lastCheckMillis;
    private long lastChangeMillis;
    /** Bumped whenever the cache is dropped, so that an answer fetched for an older head is not stored. */
    private long generation;
    /** The head check in flight, shared by the calls that arrive meanwhile. */
    private Future<Long> check;

    public LatestBlockBasedCacheMiddleware(int maxEntries, Duration initialBlockTime) {
        this(maxEntries, initialBlockTime, Clock.systemUTC());
    }

    /** With the clock that decides when the head is due for a look, so that tests need not wait. */
    public LatestBlockBasedCacheMiddleware(int maxEntries, Duration initialBlockTime, Clock clock) {
        if (initialBlockTime.isNegative() || initialBlockTime.isZero()) {
            throw new IllegalArgumentException("initialBlockTime must be positive, got " + initialBlockTime);
        }
        this.cache = new LruCache<>(maxEntries);
        this.initialBlockTime = initialBlockTime;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cache, for its size and hit counts. */
    public LruCache<?, ?> cache() {
        return cache;
    }

    /** The head as last seen, or -1 before the first look. */
    public long head() {
        return head;
    }

    /** The time between looks at the head: the moving average of observed block times. */
    public Duration averageBlockTime() {
        if (blockTimeSamples.isEmpty()) {
            return initialBlockTime;
        }
        long sum = 0;
        for (long sample : blockTimeSamples) {
            sum += sample;
        }
        return Duration.ofMillis(sum / blockTimeSamples.size());
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        if (!isCacheable(request)) {
            return next.handle(request);
        }
        return currentHead(next).transform(headCheck -> {
            if (headCheck.failed()) {
                // Without a head nothing cached can be vouched for: let the node answer, uncached.
                return next.handle(request);
            }
            CacheKey key = CacheKey.of(request);
            RpcResponse cached = cache.get(key);
            if (cached != null) {
                return Future.succeededFuture(cached.withId(request.id()));
            }
            long askedIn = generation;
            return next.handle(request).onSuccess(response -> {
                if (!response.isError() && !response.isNullResult() && askedIn == generation) {
                    cache.put(key, response.detached());
                }
            });
        });
    }

    static boolean isCacheable(RpcRequest request) {
        RpcMethod method = RpcMethod.find(request.method());
        if (method == null || !method.cachedBy(CacheRule.WHILE_HEAD)) {
            return false;
        }
        if (method.blockIndex() < 0) {
            return true;
        }
        BlockParam block = BlockParam.of(request.params(), method.blockIndex());
        return block == BlockParam.LATEST || (block == BlockParam.ABSENT && method.blockDefaultsToLatest());
    }

    private Future<Long> currentHead(Next next) {
        if (head >= 0 && clock.millis() - lastCheckMillis < averageBlockTime().toMillis()) {
            return Future.succeededFuture(head);
        }
        if (check != null) {
            return check;
        }
        Future<Long> started = calls.call(new RpcCall<>(RpcMethod.ETH_BLOCK_NUMBER.wireName(), JsonRpcCodec.params(),
                result -> Hex.toLong(result.textValue())), next).map(number -> {
                    observe(number, clock.millis());
                    return number;
                });
        check = started;
        // Registered after the assignment: a check that is already complete clears itself at once.
        started.onComplete(ignored -> {
            if (check == started) {
                check = null;
            }
        });
        return started;
    }

    private void observe(long number, long now) {
        lastCheckMillis = now;
        if (number != head) {
            if (head >= 0 && number > head) {
                long sample = (now - lastChangeMillis) / (number - head);
                if (blockTimeSamples.size() == SAMPLES) {
                    blockTimeSamples.removeFirst();
                }
                blockTimeSamples.addLast(Math.max(MIN_SAMPLE_MILLIS, Math.min(MAX_SAMPLE_MILLIS, sample)));
            }
            head = number;
            lastChangeMillis = now;
            cache.clear();
            generation++;
        }
        // The look itself answers eth_blockNumber for this head.
        cache.put(BLOCK_NUMBER, RpcResponse.success(0, TextNode.valueOf(Hex.quantity(number))));
    }
}
