package io.ethbus.client;

import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.FailureClass;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcException;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Future;

import java.util.List;
import java.util.regex.Matcher;

/**
 * eth_getLogs over a block range of any size, as a stream: the range is walked in spans that
 * halve when the node says the answer is too large ({@link FailureClass#tooLarge()}: -32005,
 * "query returned more than", "block range", an answer past the memory ceiling, ...) and grow again after
 * answers go through; a suggested range is taken as given. Logs come out in block order,
 * each once; the next span is asked for only while the consumer keeps up (back-pressure).
 * Used from one context only.
 */
final class LogRangeScanner {
    private final RpcCaller caller;
    private final LogFilter filter;
    private final long maxSpan;
    private final SubscriptionStream<Log> out;
    private long next;
    private long last;
    private long span;
    private boolean paused;
    private boolean waiting;
    private boolean stopped;
    private long splits;

    /** Starts scanning at once; {@code maxSpan} is the widest range asked for in one call. */
    static SubscriptionStream<Log> stream(RpcCaller caller, LogFilter filter, long maxSpan, int buffer) {
        LogRangeScanner[] self = new LogRangeScanner[1];
        SubscriptionStream<Log> out = new SubscriptionStream<>("logs " + filter, buffer, OverflowPolicy.PAUSE,
                () -> self[0].paused = true, () -> self[0].resume(), () -> self[0].stopped = true);
        self[0] = new LogRangeScanner(caller, filter, maxSpan, out);
        self[0].start();
        return out;
    }

    private LogRangeScanner(RpcCaller caller, LogFilter filter, long maxSpan, SubscriptionStream<Log> out) {
        if (filter.blockHash() != null) {
            throw new IllegalArgumentException("a block-hash filter has no range to stream; use getLogs");
        }
        this.caller = caller;
        this.filter = filter;
        this.maxSpan = maxSpan;
        this.span = maxSpan;
        this.out = out;
    }

    private void start() {
        Future<Long> from = resolve(filter.fromBlock(), 0L);
        Future<Long> to = from.compose(f -> resolve(filter.toBlock(), null));
        to.onSuccess(t -> {
            next = from.result();
            last = t;
            step();
        }).onFailure(out::fail);
    }

    /** A block number for {@code id}: numbers as they are, earliest 0, other tags the current head. */
    private Future<Long> resolve(BlockId id, Long absent) {
        if (id == null && absent != null) {
            return Future.succeededFuture(absent);
        }
        if (id instanceof BlockId.Number n) {
            return Future.succeededFuture(n.value().longValueExact());
        }
        if (id == BlockId.EARLIEST) {
            return Future.succeededFuture(0L);
        }
        return caller.call(EthCalls.blockNumber());
    }

    private void resume() {
        paused = false;
        if (waiting) {
            waiting = false;
            step();
        }
    }

    private void step() {
        if (stopped) {
            return;
        }
        if (next > last) {
            out.close();
            return;
        }
        if (paused) {
            waiting = true;
            return;
        }
        long to = Math.min(last, next + span - 1);
        LogFilter query = new LogFilter(BlockId.number(next), BlockId.number(to), null, filter.addresses(), filter.topics());
        caller.call(EthCalls.getLogs(query)).onComplete(ar -> {
            if (ar.succeeded()) {
                deliver(ar.result(), to);
            } else {
                narrow(ar.cause(), to);
            }
        });
    }

    private void deliver(List<Log> logs, long to) {
        logs.forEach(out::push);
        next = to + 1;
        span = Math.min(maxSpan, span * 2); // the node coped: try wider again
        step();
    }

    private void narrow(Throwable error, long to) {
        if (!FailureClass.of(error).tooLarge()) {
            out.fail(error);
            return;
        }
        splits++;
        String refusal = error instanceof RpcException rpc ? rpc.rpcMessage() : error.getMessage();
        Matcher suggested = FailureClass.SUGGESTED_RANGE.matcher(refusal);
        long width = to - next + 1;
        if (suggested.find()) {
            long suggestedTo = Long.decode(suggested.group(2));
            span = Math.max(1, Math.min(width - 1, suggestedTo - next + 1));
        } else if (width <= 1) {
            out.fail(new EthbusException(RpcMethod.ETH_GET_LOGS.wireName(), caller.endpoint(),
                    "the node refuses even a single block " + next + ": " + refusal, error));
            return;
        } else {
            span = Math.max(1, width / 2);
        }
        step();
    }

    /** How many times a range was narrowed. */
    long splits() {
        return splits;
    }
}
