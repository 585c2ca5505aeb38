package io.ethbus.client;

import io.ethbus.rpc.OffLoop;
import io.ethbus.abi.Abi;
import io.ethbus.abi.AbiDecodingException;
import io.ethbus.abi.AbiFunction;
import io.ethbus.eth.EthCalls;
import io.ethbus.eth.TransactionRequest;
import io.ethbus.multicall.Call3;
import io.ethbus.multicall.Call3Result;
import io.ethbus.multicall.Multicall3;
import io.ethbus.primitives.Address;
import io.ethbus.primitives.BlockId;
import io.ethbus.primitives.Bytes;
import io.ethbus.rpc.RpcCaller;
import io.ethbus.rpc.RpcException;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Many read calls in one {@code eth_call} of Multicall3's {@code aggregate3}, each answered in
 * its own slot: add calls, then {@link #execute()}.
 *
 * <pre>
 * AbiFunction balanceOf = erc20.function("balanceOf");
 * client.multicall().errors(erc20)
 *     .add(token, balanceOf, alice)
 *     .add(token, balanceOf, bob)
 *     .execute()
 *     .onSuccess(results -&gt; results.forEach(r -&gt; System.out.println(r.valuesOrThrow())));
 * </pre>
 *
 * A call is allowed to fail unless added with {@code allowFailure} false, as viem's
 * {@code multicall} does: its revert stands in its slot as a {@link MulticallResult.Failure}
 * and the other calls still answer. A call not allowed to fail that reverts reverts the whole
 * chunk it travels in; {@link #execute()} then fails with a {@link MulticallCallException}
 * naming the call (found by sending the chunk again with every call allowed to fail; when that
 * finds none, with the node's error). The calls go in chunks of at most {@link #chunkSize(int)}
 * calls and {@link #maxChunkBytes(int)} bytes of call data, sent concurrently. Calls run with
 * Multicall3 as {@code msg.sender}. A builder for one use, from one thread.
 */
public final class Multicall {

    /** Calls per {@code aggregate3} unless chosen otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 500;
    /** Encoded call data per {@code aggregate3} unless chosen otherwise: well under nodes' request limits. */
    public static final int DEFAULT_MAX_CHUNK_BYTES = 256 * 1024;

    private final RpcCaller caller;
    private final Address multicallAddress;
    private final List<MulticallCall> calls = new ArrayList<>();
    private Abi errors;
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private int maxChunkBytes = DEFAULT_MAX_CHUNK_BYTES;

    Multicall(RpcCaller caller, Address multicallAddress) {
        this.caller = caller;
        this.multicallAddress = Objects.requireNonNull(multicallAddress, "multicallAddress");
    }

    /** The ABI whose custom errors decode the reverts of calls added after this (the built-in ones always decode). */
    public Multicall errors(Abi abi) {
        this.errors = abi;
        return this;
    }

    /** At most this many calls per {@code aggregate3}; default {@value #DEFAULT_CHUNK_SIZE}. */
    public Multicall chunkSize(int calls) {
        if (calls < 1) {
            throw new IllegalArgumentException("chunk size " + calls + " is below 1");
        }
        this.chunkSize = calls;
        return this;
    }

    /** At most about this many bytes of encoded calls per {@code aggregate3} (a larger single call goes alone). */
    public Multicall maxChunkBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("chunk bytes " + bytes + " is below 1");
        }
        this.maxChunkBytes = bytes;
        return this;
    }

    /**
     * Adds {@code fn(args)} at {@code target}, allowed to fail. The arguments are encoded now:
     * one that does not fit fails here with {@link io.ethbus.abi.AbiException}, before anything is sent.
     */
    public Multicall add(Address target, AbiFunction fn, Object... args) {
        return add(target, true, fn, args);
    }

    /** As {@link #add(Address, AbiFunction, Object...)}; with {@code allowFailure} false its revert fails the whole call. */
    public Multicall add(Address target, boolean allowFailure, AbiFunction fn, Object... args) {
        Objects.requireNonNull(target, "target");
        calls.add(new MulticallCall(target, fn, fn.encodeCall(args), allowFailure, errors));
        return this;
    }

    /** The calls added so far, in order. */
    public List<MulticallCall> calls() {
        return List.copyOf(calls);
    }

    /** Runs the calls at the latest block. */
    public Future<List<MulticallResult>> execute() {
        return execute(BlockId.LATEST);
    }

    /** Runs the calls at {@code block}; the results come in the order the calls were added. */
    public Future<List<MulticallResult>> execute(BlockId block) {
        List<MulticallCall> all = List.copyOf(calls);
        List<Future<List<MulticallResult>>> chunks = new ArrayList<>();
        int start = 0;
        while (start < all.size()) {
            int end = chunkEnd(all, start);
            chunks.add(executeChunk(all.subList(start, end), start, block));
            start = end;
        }
        return Future.all(chunks).map(done -> {
            List<MulticallResult> out = new ArrayList<>(all.size());
            for (Future<List<MulticallResult>> chunk : chunks) {
                out.addAll(chunk.result());
            }
            return out;
        });
    }

    private int chunkEnd(List<MulticallCall> all, int start) {
        int end = start;
        long bytes = 0;
        while (end < all.size() && end - start < chunkSize) {
            bytes += all.get(end).callData().length() + Multicall3.CALL_OVERHEAD_BYTES;
            if (bytes > maxChunkBytes && end > start) {
                break;
            }
            end++;
        }
        return end;
    }

    private Future<List<MulticallResult>> executeChunk(List<MulticallCall> chunk, int offset, BlockId block) {
        List<Call3> sent = new ArrayList<>(chunk.size());
        boolean anyRequired = false;
        for (MulticallCall call : chunk) {
            sent.add(call.toCall3(call.allowFailure()));
            anyRequired |= !call.allowFailure();
        }
        Future<List<Call3Result>> answered = aggregate3(sent, block);
        if (!anyRequired) {
            return answered.compose(results -> decodeOffLoop(chunk, offset, results));
        }
        return answered.recover(failure -> failure instanceof RpcException
                ? findRequiredFailure(chunk, offset, block, failure).<List<Call3Result>>compose(Future::failedFuture)
                : Future.failedFuture(failure))
                .compose(results -> decodeOffLoop(chunk, offset, results));
    }

    /**
     * The chunk reverted: sends it again with every call allowed to fail to learn which call not
     * allowed to fail reverted, and fails with that; with the node's error when none did (the state moved).
     */
    private Future<Throwable> findRequiredFailure(List<MulticallCall> chunk, int offset, BlockId block, Throwable original) {
        List<Call3> lenient = new ArrayList<>(chunk.size());
        for (MulticallCall call : chunk) {
            lenient.add(call.toCall3(true));
        }
        return aggregate3(lenient, block).<Throwable>map(results -> {
            for (int i = 0; i < chunk.size(); i++) {
                MulticallCall call = chunk.get(i);
                if (!call.allowFailure() && !results.get(i).success()) {
                    return new MulticallCallException(offset + i, call, call.decodeRevert(results.get(i).returnData()), original);
                }
            }
            return original;
        }).otherwise(original);
    }

    private Future<List<Call3Result>> aggregate3(List<Call3> sent, BlockId block) {
        TransactionRequest tx = TransactionRequest.builder().to(multicallAddress).input(Multicall3.encode(sent)).build();
        return caller.call(EthCalls.call(tx, block)).map(returned -> Multicall3.decode(returned, sent.size()));
    }

    /** Decodes the results, on a worker when their return data is heavy ({@link OffLoop}). */
    private static Future<List<MulticallResult>> decodeOffLoop(List<MulticallCall> chunk, int offset, List<Call3Result> results) {
        long bytes = 0;
        for (Call3Result r : results) {
            bytes += r.returnData().length();
        }
        return OffLoop.run(bytes, () -> decode(chunk, offset, results));
    }

    private static List<MulticallResult> decode(List<MulticallCall> chunk, int offset, List<Call3Result> results) {
        List<MulticallResult> out = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            MulticallCall call = chunk.get(i);
            Call3Result result = results.get(i);
            Bytes data = result.returnData();
            if (!result.success()) {
                out.add(new MulticallResult.Failure(offset + i, call, call.decodeRevert(data)));
                continue;
            }
            try {
                out.add(new MulticallResult.Success(offset + i, call.function().decodeReturn(data), data));
            } catch (AbiDecodingException e) {
                out.add(new MulticallResult.Undecodable(offset + i, data, new AbiDecodingException(
                        "multicall call " + (offset + i) + " (" + call + "): " + e.getMessage(), e)));
            }
        }
        return out;
    }
}
