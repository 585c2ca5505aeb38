package io.ethbus.middleware;

import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.rpc.JsonRpcCodec;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.ethbus.rpc.RpcTransport;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.ethbus.testsupport.Await.failure;
import static io.ethbus.testsupport.Await.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pins the onion's semantics: order, naming, early answers, batches. */
class OnionTest {
    /** Records each layer's passage down and up in {@code trace}. */
    static Middleware tracing(String name, List<String> trace) {
        return (request, next) -> {
            trace.add(name + ">");
            return next.handle(request).map(r -> {
                trace.add("<" + name);
                return r;
            });
        };
    }

    /** An inner transport that answers each call with its method name and counts round trips. */
    static final class EchoTransport implements RpcTransport {
        final List<Integer> roundTrips = new ArrayList<>();

        @Override
        public Future<RpcResponse> send(RpcRequest request) {
            roundTrips.add(1);
            return Future.succeededFuture(RpcResponse.success(request.id(), TextNode.valueOf(request.method())));
        }

        @Override
        public Future<List<RpcResponse>> sendBatch(List<RpcRequest> requests) {
            roundTrips.add(requests.size());
            return Future.succeededFuture(requests.stream()
                    .map(r -> RpcResponse.success(r.id(), TextNode.valueOf(r.method()))).toList());
        }

        @Override
        public String endpoint() {
            return "echo";
        }
    }

    static RpcRequest request(long id, String method) {
        return new RpcRequest(id, method, JsonRpcCodec.params());
    }

    @Test
    void requestsGoOutermostToInnermostAndResponsesComeBack() {
        List<String> trace = new ArrayList<>();
        Onion onion = new Onion()
                .add(tracing("a", trace), "a")
                .add(tracing("b", trace), "b")       // b is now outermost
                .inject(tracing("c", trace), "c", 0); // c innermost
        assertEquals(List.of("b", "a", "c"), onion.names());
        RpcResponse r = result(onion.around(new EchoTransport()).send(request(1, "eth_chainId")));
        assertEquals("eth_chainId", r.result().asText());
        assertEquals(List.of("b>", "a>", "c>", "<c", "<a", "<b"), trace);
    }

    @Test
    void injectAtAnyLayerAndMiddlewaresListedOutermostFirst() {
        Middleware a = tracing("a", new ArrayList<>());
        Middleware b = tracing("b", new ArrayList<>());
        Middleware c = tracing("c", new ArrayList<>());
        Onion onion = new Onion().add(a, "a").add(b, "b").inject(c, "c", 1);
        assertEquals(List.of(b, c, a), onion.middlewares());
        assertThrows(IndexOutOfBoundsException.class, () -> onion.inject(tracing("d", new ArrayList<>()), "d", 5));
        assertThrows(IndexOutOfBoundsException.class, () -> onion.inject(tracing("d", new ArrayList<>()), "d", -1));
    }

    @Test
    void duplicateNamesAreRejected() {
        Onion onion = new Onion().add(tracing("a", new ArrayList<>()), "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> onion.add(tracing("a2", new ArrayList<>()), "a"));
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> onion.inject(tracing("x", new ArrayList<>()), "a", 0));
    }

    @Test
    void removeByNameOrInstanceReplaceKeepsNameAndPlace() {
        Middleware a = tracing("a", new ArrayList<>());
        Middleware b = tracing("b", new ArrayList<>());
        Middleware c = tracing("c", new ArrayList<>());
        Onion onion = new Onion().add(a, "a").add(b, "b").add(c, "c");
        onion.remove("b");
        assertEquals(List.of(c, a), onion.middlewares());
        onion.remove(c);
        assertEquals(List.of(a), onion.middlewares());
        assertThrows(IllegalArgumentException.class, () -> onion.remove("nope"));

        Middleware a2 = tracing("a2", new ArrayList<>());
        onion.add(b, "b").replace("a", a2);
        assertEquals(List.of("b", "a"), onion.names());
        assertSame(a2, onion.get("a").orElseThrow());
        onion.replace(b, c);
        assertSame(c, onion.get("b").orElseThrow());
        assertTrue(onion.get("zzz").isEmpty());
        onion.clear();
        assertEquals(0, onion.size());
        assertEquals(List.of(), onion.middlewares());
    }

    @Test
    void aLayerMayAnswerWithoutCallingNextOrRewrite() {
        EchoTransport inner = new EchoTransport();
        Onion onion = new Onion()
                .add((request, next) -> request.method().equals("cached")
                        ? Future.succeededFuture(RpcResponse.success(request.id(), TextNode.valueOf("hit")))
                        : next.handle(request), "cache")
                .add((request, next) -> next.handle(request.method().equals("old")
                        ? new RpcRequest(request.id(), "new", request.params()) : request)
                        .map(r -> RpcResponse.success(r.id(), TextNode.valueOf(r.result().asText().toUpperCase()))), "rewrite");
        RpcTransport t = onion.around(inner);
        assertEquals("HIT", result(t.send(request(1, "cached"))).result().asText());
        assertEquals(List.of(), inner.roundTrips);
        assertEquals("NEW", result(t.send(request(2, "old"))).result().asText());
        assertEquals(List.of(1), inner.roundTrips);
    }

    @Test
    void aThrowingLayerFailsOnlyThatCall() {
        Onion onion = new Onion().add((request, next) -> {
            throw new IllegalStateException("boom " + request.method());
        }, "bad");
        Throwable e = failure(onion.around(new EchoTransport()).send(request(1, "x")));
        assertEquals("boom x", e.getMessage());
    }

    @Test
    void batchItemsPassEachLayerAndReachTheProviderAsOneBatch() {
        EchoTransport inner = new EchoTransport();
        List<String> seen = new ArrayList<>();
        Onion onion = new Onion()
                .add((request, next) -> {
                    seen.add(request.method());
                    return request.method().startsWith("cached")
                            ? Future.succeededFuture(RpcResponse.success(request.id(), TextNode.valueOf("hit")))
                            : next.handle(request);
                }, "cache");
        List<RpcRequest> batch = List.of(request(1, "m1"), request(2, "cached2"), request(3, "m3"), request(4, "m4"));
        List<RpcResponse> out = result(onion.around(inner).sendBatch(batch));
        assertEquals(List.of("m1", "cached2", "m3", "m4"), seen);
        assertEquals(List.of(3), inner.roundTrips, "the three misses travel as one batch");
        assertEquals(List.of("m1", "hit", "m3", "m4"), out.stream().map(r -> r.result().asText()).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), out.stream().map(RpcResponse::id).toList());
    }

    @Test
    void aLayerFailingOneBatchItemFailsOnlyThatItem() {
        EchoTransport inner = new EchoTransport();
        Onion onion = new Onion().add((request, next) -> {
            if (request.method().equals("bad")) {
                throw new IllegalStateException("refused " + request.id());
            }
            return next.handle(request);
        }, "picky");
        List<RpcResponse> out = result(onion.around(inner).sendBatch(List.of(request(1, "m1"), request(2, "bad"), request(3, "m3"))));
        assertEquals("m1", out.get(0).result().asText());
        assertTrue(out.get(1).isError());
        assertEquals(2L, out.get(1).id());
        assertEquals("refused 2", out.get(1).failure().getMessage());
        assertEquals("bad @ echo: refused 2", out.get(1).exception("bad", "echo").getMessage(), "typed for the caller");
        assertEquals("m3", out.get(2).result().asText());
        assertEquals(List.of(2), inner.roundTrips, "the two good items travel as one batch");
    }

    @Test
    void aTransportSeesLayersAddedAfterItWasBuilt() {
        List<String> trace = new ArrayList<>();
        Onion onion = new Onion().add(tracing("a", trace), "a");
        RpcTransport t = onion.around(new EchoTransport());
        result(t.send(request(1, "m")));
        onion.add(tracing("b", trace), "b");
        result(t.send(request(2, "m")));
        onion.remove("a");
        result(t.send(request(3, "m")));
        assertEquals(List.of("a>", "<a", "b>", "a>", "<a", "<b", "b>", "<b"), trace);
    }
}
