package io.ethbus.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.Revert;
import io.ethbus.multicall.Call3;
import io.ethbus.multicall.Call3Result;
import io.ethbus.multicall.Multicall3;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.Bytes;
import io.ethbus.primitives.InvalidHexException;
import io.ethbus.rpc.EthbusException;
import io.ethbus.rpc.RpcError;
import io.ethbus.rpc.FailureClass;
import io.ethbus.rpc.RpcException;
import io.ethbus.rpc.RpcMethod;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coalesces the plain {@code eth_call}s issued on one Vert.x context in the same tick into one
 * Multicall3 {@code aggregate3} call, each allowed to fail, as viem's {@code batch.multicall}
 * does. Off unless added to a client onion:
 * {@code client.middlewareOnion().add(new MulticallBatchingMiddleware(), "multicallBatching")}.
 * <p>
 * A call is coalesced when it has only {@code to} and call data ({@code data}/{@code input}):
 * no {@code from}, {@code value}, gas or fee fields, no state overrides, and {@code to} is not the
 * Multicall3 address. Calls go together per block parameter, at most {@code maxBatchSize} to one
 * {@code aggregate3}. Each call gets the answer it would have got alone: its return data, or
 * for a revert a JSON-RPC error of code 3 with the revert data, as nodes answer a reverted
 * {@code eth_call} (the caller meets the same {@link RpcException}). Inside {@code aggregate3}
 * the calls run with Multicall3 as {@code msg.sender} and share its gas. A single call in a tick
 * goes out unchanged; a call made off any Vert.x context is not held. When the node does not
 * answer the {@code aggregate3} as Multicall3 would (no code at the address, an error answer),
 * each call is sent again on its own.
 */
public final class MulticallBatchingMiddleware implements Middleware {
    /** Calls per {@code aggregate3} unless chosen otherwise. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 200;
    /** JSON-RPC code nodes give a reverted eth_call. */
    private static final int EXECUTION_REVERTED = 3;
    private static final Set<String> PLAIN_CALL_FIELDS = Set.of("to", "data", "input");

    private final Address multicallAddress;
    private final int maxBatchSize;
    private final LayerCalls calls = new LayerCalls(LayerCalls.MULTICALL_BATCHING);
    /** This layer's key in a context's data: each context holds its own calls of the tick, by block parameter. */
    private final Object tickKey = new Object();

    /** Coalesces through Multicall3 at its canonical address, at most {@value #DEFAULT_MAX_BATCH_SIZE} calls at once. */
    public MulticallBatchingMiddleware() {
        this(Multicall3.CANONICAL_ADDRESS, DEFAULT_MAX_BATCH_SIZE);
    }

    /** Coalesces through Multicall3 at {@code multicallAddress}, at most {@code maxBatchSize} calls per aggregate3. */
    public MulticallBatchingMiddleware(Address multicallAddress, int maxBatchSize) {
        if (maxBatchSize < 2) {
            throw new IllegalArgumentException("a batch of " + maxBatchSize + " calls coalesces nothing");
        }
        this.multicallAddress = multicallAddress;
        this.maxBatchSize = maxBatchSize;
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        Context context = Vertx.currentContext();
        // only on the context's event loop: worker threads of one context run at once, and the tick's
        // queue is the loop's own, unlocked
        Call3 call = context == null || !Context.isOnEventLoopThread() ? null : plainCall(request);
        if (call == null) {
            return next.handle(request);
        }
        Map<String, Group> tick = context.get(tickKey);
        if (tick == null) {
            Map<String, Group> fresh = new HashMap<>();
            context.put(tickKey, fresh);
            // Runs after everything already queued on this context: the calls of this tick are in.
            context.runOnContext(v -> {
                context.remove(tickKey);
                fresh.values().forEach(group -> send(group, next));
            });
            tick = fresh;
        }
        JsonNode block = request.params().size() > 1 ? request.params().get(1) : null;
        String key = block == null ? "" : block.toString();
        Group group = tick.computeIfAbsent(key, k -> new Group(block));
        Promise<RpcResponse> answer = Promise.promise();
        group.add(new Held(request, call, answer));
        if (group.held.size() >= maxBatchSize) {
            tick.remove(key);
            send(group, next);
        }
        return answer.future();
    }

    /** The call as one of aggregate3, or null when it is not a plain call this layer may coalesce. */
    private Call3 plainCall(RpcRequest request) {
        ArrayNode params = request.params();
        if (!request.method().equals(RpcMethod.ETH_CALL.wireName()) || params.isEmpty() || params.size() > 2
                || !(params.get(0) instanceof ObjectNode tx) || !tx.path("to").isTextual()) {
            return null;
        }
        for (Iterator<String> names = tx.fieldNames(); names.hasNext(); ) {
            if (!PLAIN_CALL_FIELDS.contains(names.next())) {
                return null;
            }
        }
        JsonNode data = tx.get("data");
        JsonNode input = tx.get("input");
        if (data != null && input != null && !data.equals(input)) {
            return null;
        }
        JsonNode callData = input != null ? input : data;
        try {
            Address to = Address.ofAnyCase(tx.get("to").asText());
            if (to.equals(multicallAddress) || (callData != null && !callData.isTextual())) {
                return null;
            }
            return new Call3(to, true, callData == null ? Bytes.EMPTY : Bytes.of(callData.asText()));
        } catch (EthbusException e) {
            // not an address or not hex: the node gives its own answer to that
            return null;
        }
    }

    private void send(Group group, Next next) {
        List<Held> held = group.held;
        if (held.size() == 1) {
            Held only = held.get(0);
            next.handle(only.request()).onComplete(only.answer());
            return;
        }
        List<Call3> batch = new ArrayList<>(held.size());
        held.forEach(h -> batch.add(h.call()));
        ArrayNode params = JsonNodeFactory.instance.arrayNode();
        params.addObject().put("to", multicallAddress.toHex()).put("input", Multicall3.encode(batch).toHex());
        if (group.block != null) {
            params.add(group.block);
        }
        calls.raw(RpcMethod.ETH_CALL.wireName(), params, next)
                .map(result -> Multicall3.decode(Bytes.of(result.asText()), held.size()))
                .onSuccess(results -> answer(held, results))
                .onFailure(failure -> {
                    if (answeredUnlikeMulticall3(failure)) {
                        // each call on its own gets its own answer
                        held.forEach(h -> next.handle(h.request()).onComplete(h.answer()));
                    } else {
                        held.forEach(h -> h.answer().fail(failure));
                    }
                });
    }

    /**
     * True when the node answered, but not as Multicall3 would (no code there, a revert, data that
     * is not aggregate3's): then each call goes on its own. Not when the node asks to slow down or the
     * answer was too large ({@link FailureClass}): sending every held call at once would be the worst reply.
     */
    private static boolean answeredUnlikeMulticall3(Throwable failure) {
        if (failure instanceof AbiDecodingException || failure instanceof InvalidHexException) {
            return true;
        }
        if (!(failure instanceof RpcException)) {
            return false;
        }
        FailureClass kind = FailureClass.of(failure);
        return !(kind.overload() || kind.retryable() || kind.tooLarge());
    }

    private static void answer(List<Held> held, List<Call3Result> results) {
        for (int i = 0; i < held.size(); i++) {
            Held h = held.get(i);
            Call3Result result = results.get(i);
            long id = h.request().id();
            TextNode data = TextNode.valueOf(result.returnData().toHex());
            h.answer().complete(result.success() ? RpcResponse.success(id, data)
                    : RpcResponse.failure(id, new RpcError(EXECUTION_REVERTED, revertMessage(result.returnData()), data)));
        }
    }

    /** The message nodes give a reverted eth_call: with the reason of an {@code Error(string)}. */
    private static String revertMessage(Bytes revertData) {
        return Revert.decode(revertData) instanceof Revert.Reason r ? "execution reverted: " + r.reason() : "execution reverted";
    }

    /** One call held for the end of the tick, with the promise of its answer. */
    private record Held(RpcRequest request, Call3 call, Promise<RpcResponse> answer) {
    }

    /** Calls of one tick at one block parameter (null: none given), in the order they came. */
    private static final class Group {
        private final JsonNode block;
        private final List<Held> held = new ArrayList<>();

        Group(JsonNode block) {
            this.block = block;
        }

        void add(Held call) {
            held.add(call);
        }
    }
}
