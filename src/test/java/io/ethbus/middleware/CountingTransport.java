package io.ethbus.middleware;

import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Counts the calls that reach it, by method, before passing them on to a real transport or
 * answering them with a function (for tests without a node).
 */
final class CountingTransport implements RpcTransport {
    private final Function<RpcRequest, Future<RpcResponse>> answer;
    private final String endpoint;
    final List<RpcRequest> seen = new ArrayList<>();

    CountingTransport(RpcTransport inner) {
        this.answer = inner::send;
        this.endpoint = inner.endpoint();
    }

    private CountingTransport(Function<RpcRequest, Future<RpcResponse>> answer) {
        this.answer = answer;
        this.endpoint = "scripted";
    }

    /** Answers every call with {@code answer}, no node involved. */
    static CountingTransport answering(Function<RpcRequest, RpcResponse> answer) {
        return new CountingTransport(request -> Future.succeededFuture(answer.apply(request)));
    }

    /** How many calls of {@code method} arrived. */
    synchronized long count(String method) {
        return seen.stream().filter(r -> r.method().equals(method)).count();
    }

    synchronized int total() {
        return seen.size();
    }

    @Override
    public Future<RpcResponse> send(RpcRequest request) {
        synchronized (this) {
            seen.add(request);
        }
        return answer.apply(request);
    }

    @Override
    public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        List<Future<RpcResponse>> answers = requests.stream().map(this::send).toList();
        return Future.all(answers).map(all -> answers.stream().map(Future::result).toList());
    }

    @Override
    public String endpoint() {
        return endpoint;
    }
}
