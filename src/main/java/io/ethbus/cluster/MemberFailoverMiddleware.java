package io.ethbus.cluster;

import io.ethbus.primitives.Keccak;
import io.ethbus.primitives.Hex;
import io.ethbus.middleware.Middleware;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Client-onion layer for calls over a clustered event bus, where the member serving a call
 * can die. An idempotent read whose member does not answer is asked again and the first
 * answer wins: at once when the bus reports the member gone (no handler, delivery error,
 * bus timeout), and also, as a hedge, when no answer has come after {@code hedgeAfter} (a
 * killed member's requests get no answer at all until the deadline). A transaction send is
 * never repeated: when its member may have taken it and vanished, it fails with
 * {@link UnknownOutcomeException} carrying the transaction hash when known.
 *
 * <pre>client.middlewareOnion().add(new MemberFailoverMiddleware(vertx, Duration.ofSeconds(1), 3), "member-failover");</pre>
 * Add it before the signing layer, so that it sees eth_sendRawTransaction and its hash.
 */
public final class MemberFailoverMiddleware implements Middleware {
    private final Vertx vertx;
    private final Duration hedgeAfter;
    private final int maxAttempts;

    public MemberFailoverMiddleware(Vertx vertx, Duration hedgeAfter, int maxAttempts) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.hedgeAfter = Objects.requireNonNull(hedgeAfter, "hedgeAfter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        if (RpcMethod.sendsTransaction(request.method())) {
            return next.handle(request).recover(e -> Future.failedFuture(mayHaveBeenTaken(e)
                    ? new UnknownOutcomeException(request.method(), endpointOf(e), transactionHash(request).orElse(null), e)
                    : e));
        }
        if (!RpcMethod.isIdempotent(request.method()) || maxAttempts == 1) {
            return next.handle(request);
        }
        return new HedgedCall(request, next).start();
    }

    /** True when the failure says the bus lost the call, not that a node verticle answered. */
    static boolean isMemberLoss(Throwable failure) {
        ReplyException reply = replyException(failure);
        if (reply != null) {
            return reply.failureType() != ReplyFailure.RECIPIENT_FAILURE;
        }
        return false;
    }

    /** A lost call that may nevertheless have been delivered (so a send may have happened). */
    private static boolean mayHaveBeenTaken(Throwable failure) {
        ReplyException reply = replyException(failure);
        return reply != null && (reply.failureType() == ReplyFailure.TIMEOUT || reply.failureType() == ReplyFailure.ERROR);
    }

    private static ReplyException replyException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ReplyException r) {
                return r;
            }
        }
        return null;
    }

    private static String endpointOf(Throwable failure) {
        return failure instanceof EthbusException e ? e.endpoint() : null;
    }

    /** The hash of an eth_sendRawTransaction's payload (keccak of the raw bytes). */
    static Optional<String> transactionHash(RpcRequest request) {
        if (!RpcMethod.ETH_SEND_RAW_TRANSACTION.wireName().equals(request.method()) || request.params().isEmpty()
                || !request.params().get(0).isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Hex.encode(Keccak.keccak256(Hex.decode(request.params().get(0).asText()))));
        } catch (RuntimeException e) {
            return Optional.empty(); // not hex: the node would have refused it anyway
        }
    }

    /** One read: attempts in flight, first answer wins, bounded by maxAttempts. */
    private final class HedgedCall {
        private final RpcRequest request;
        private final Next next;
        private final Promise<RpcResponse> result = Promise.promise();
        private int started;
        private int failed;
        private long hedgeTimer = -1;

        HedgedCall(RpcRequest request, Next next) {
            this.request = request;
            this.next = next;
        }

        Future<RpcResponse> start() {
            attempt();
            return result.future();
        }

        private synchronized void attempt() {
            started++;
            if (started < maxAttempts) {
                hedgeTimer = vertx.setTimer(Math.max(1, hedgeAfter.toMillis()), id -> hedge());
            }
            next.handle(request).onComplete(ar -> {
                if (ar.succeeded()) {
                    cancelHedge();
                    result.tryComplete(ar.result());
                } else {
                    onFailure(ar.cause());
                }
            });
        }

        private synchronized void hedge() {
            hedgeTimer = -1;
            if (!result.future().isComplete() && started < maxAttempts) {
                attempt();
            }
        }

        private synchronized void onFailure(Throwable cause) {
            failed++;
            if (result.future().isComplete()) {
                return;
            }
            if (isMemberLoss(cause) && started < maxAttempts) {
                cancelHedge();
                attempt(); // another member, now rather than at the hedge timer
            } else if (failed == started || !isMemberLoss(cause)) {
                cancelHedge();
                result.tryFail(cause); // a node's own failure is the answer; do not wait for hedges
            }
        }

        private void cancelHedge() {
            if (hedgeTimer >= 0) {
                vertx.cancelTimer(hedgeTimer);
                hedgeTimer = -1;
            }
        }
    }
}
