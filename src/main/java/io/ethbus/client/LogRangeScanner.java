package io.ethbus.client;

import io.ethbus.primitives.BlockId;
import io.ethbus.eth.EthCalls;
import io.ethbus.eth.Log;
import io.ethbus.eth.LogFilter;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcException;
import io.ethbus.rpc.RpcMethod;
import io.vertx.core.Future;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * eth_getLogs over a block range of any size, as a stream: the range is walked in spans that
 * halve when the node answers "too many results" or "range too large" (-32005, -32602 with a
 * suggested range, "query returned more than", "block range", ...) and grow again after
 * answers go through; a suggested range is taken as given. Logs come out in block order,
 * each once; the next span is asked for only while the consumer keeps up (back-pressure).
 * Used from one context only.
 */
final class LogRangeScanner {
    /** "[0x1, 0x2]" style ranges some providers suggest in their error message. */
    private static final Pattern SUGGESTED = Pattern.compile("\\[\\s*(0x[0-9a-fA-F]+)\\s*,\\s*(0x[0-9a-fA-F]+)\\s*]");

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
        if (!(error instanceof RpcException rpc) || !tooLarge(rpc)) {
            out.fail(error);
            return;
        }
        splits++;
        Matcher suggested = SUGGESTED.matcher(rpc.rpcMessage());
        long width = to - next + 1;
        if (suggested.find()) {
            long suggestedTo = Long.decode(suggested.group(2));
            span = Math.max(1, Math.min(width - 1, suggestedTo - next + 1));
        } else if (width <= 1) {
            out.fail(new EthbusException(RpcMethod.ETH_GET_LOGS.wireName(), caller.endpoint(),
                    "the node refuses even a single block " + next + ": " + rpc.rpcMessage(), rpc));
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

    static boolean tooLarge(RpcException e) {
        String m = e.rpcMessage().toLowerCase(Locale.ROOT);
        return e.code() == -32005
                || m.contains("query returned more than") || m.contains("block range")
                || m.contains("range too large") || m.contains("too many") || m.contains("limit exceeded")
                || (e.code() == -32602 && SUGGESTED.matcher(m).find());
    }
}
