package io.ethbus.bench;

import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passes calls through and keeps every batch sent, so that the baselines can replay the
 * crawler's exact batches. Used from the crawl's one context; read after the crawl ended.
 */
final class RecordingTransport implements RpcTransport {
    private final RpcTransport next;
    private final List<List<RpcRequest>> batches = new ArrayList<>();

    RecordingTransport(RpcTransport next) {
        this.next = next;
    }

    @Override
    public Future<RpcResponse> send(RpcRequest request) {
        return next.send(request);
    }

    @Override
    public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
        batches.add(requests);
        return next.sendBatch(requests);
    }

    @Override
    public String endpoint() {
        return next.endpoint();
    }

    /** The distinct batches in the order first sent: a hedged batch asks what its first attempt asked. */
    List<List<RpcRequest>> batches() {
        Map<List<String>, List<RpcRequest>> distinct = new LinkedHashMap<>();
        for (List<RpcRequest> batch : batches) {
            distinct.putIfAbsent(batch.stream().map(r -> r.method() + r.params()).toList(), batch);
        }
        return List.copyOf(distinct.values());
    }
}
