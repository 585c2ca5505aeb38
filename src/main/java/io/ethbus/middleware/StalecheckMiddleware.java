package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.ethbus.primitives.Hex;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcCall;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.StaleChainException;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Refuses calls while the node's latest block is older than {@code allowableDelay}, with a
 * {@link StaleChainException} naming the method, after web3.py's make_stalecheck_middleware.
 * The latest block is asked for through the layers below and remembered until it would be
 * too old, so a healthy chain costs one extra call per {@code allowableDelay} at most.
 * eth_getBlock* calls pass unchecked, so that one can still look at a stale chain.
 *
 * <pre>new StalecheckMiddleware(Duration.ofMinutes(2))</pre>
 */
public final class StalecheckMiddleware implements Middleware {
    private record Head(long number, long timestampSeconds) {
        static Head fromJson(JsonNode block) {
            return new Head(Hex.toLong(block.get("number").textValue()), Hex.toLong(block.get("timestamp").textValue()));
        }
    }

    private final Duration allowableDelay;
    private final Clock clock;
    private final LayerCalls calls = new LayerCalls(LayerCalls.STALECHECK);
    /** The latest block last seen fresh; still good while it is not too old. */
    private Head fresh;
    /** The look-up in flight, shared by the calls that arrive meanwhile. */
    private Future<Head> lookup;

    public StalecheckMiddleware(Duration allowableDelay) {
        this(allowableDelay, Clock.systemUTC());
    }

    /** With the clock that the block timestamps are compared with. */
    public StalecheckMiddleware(Duration allowableDelay, Clock clock) {
        if (allowableDelay.isNegative() || allowableDelay.isZero()) {
            throw new IllegalArgumentException("allowableDelay must be positive, got " + allowableDelay);
        }
        this.allowableDelay = allowableDelay;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Duration allowableDelay() {
        return allowableDelay;
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        if (request.method().startsWith("eth_getBlock") || (fresh != null && age(fresh).compareTo(allowableDelay) <= 0)) {
            return next.handle(request);
        }
        return latest(next).compose(head -> {
            Duration age = age(head);
            if (age.compareTo(allowableDelay) > 0) {
                return Future.failedFuture(new StaleChainException(request.method(), null, head.number(), age, allowableDelay));
            }
            fresh = head;
            return next.handle(request);
        });
    }

    private Future<Head> latest(Next next) {
        if (lookup != null) {
            return lookup;
        }
        Future<Head> started = calls.call(
                new RpcCall<>(RpcMethod.ETH_GET_BLOCK_BY_NUMBER.wireName(), JsonRpcCodec.params("latest", false), Head::fromJson), next);
        lookup = started;
        // Registered after the assignment: a look-up that is already complete clears itself at once.
        started.onComplete(ignored -> {
            if (lookup == started) {
                lookup = null;
            }
        });
        return started;
    }

    private Duration age(Head head) {
        return Duration.ofMillis(clock.millis() - head.timestampSeconds() * 1000);
    }
}
