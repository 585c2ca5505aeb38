package io.ethbus.middleware;

import com.fasterxml.jackson.databind.node.TextNode;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The calls under way and the timers, as two node verticle instances of one endpoint share them. */
class MetricsMiddlewareTest {
    static final RpcRequest READ = new RpcRequest(7, "eth_blockNumber", null);

    @Test
    void callsUnderWayAreCountedAcrossInstancesUntilTheyEnd() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MetricsMiddleware first = new MetricsMiddleware(registry, "calls", "dev");
        MetricsMiddleware second = new MetricsMiddleware(registry, "calls", "dev");
        MetricsMiddleware other = new MetricsMiddleware(registry, "calls", "other");
        List<Promise<RpcResponse>> held = new ArrayList<>();
        Middleware.Next node = request -> {
            Promise<RpcResponse> p = Promise.promise();
            held.add(p);
            return p.future();
        };
        first.handle(READ, node);
        second.handle(READ, node);
        second.handle(READ, node);
        other.handle(READ, node);
        assertEquals(3.0, inFlight(registry, "dev"));
        assertEquals(1.0, inFlight(registry, "other"));

        held.get(0).complete(RpcResponse.success(7, TextNode.valueOf("0x1")));
        held.get(1).fail(new ProviderTimeoutException("eth_blockNumber", "dev", Duration.ofSeconds(1), null));
        assertEquals(1.0, inFlight(registry, "dev"));
        assertEquals(1, registry.get("calls").tags("endpoint", "dev", "outcome", "success").timer().count());
        assertEquals(1, registry.get("calls").tags("endpoint", "dev", "outcome", "timeout").timer().count());

        held.get(2).complete(RpcResponse.success(7, TextNode.valueOf("0x2")));
        held.get(3).complete(RpcResponse.success(7, TextNode.valueOf("0x3")));
        assertEquals(0.0, inFlight(registry, "dev"));
        assertEquals(0.0, inFlight(registry, "other"));
        assertEquals(3.0, registry.get("calls.started").tag("endpoint", "dev").counter().count());
    }

    private static double inFlight(SimpleMeterRegistry registry, String endpoint) {
        return registry.get("calls.in_flight").tag("endpoint", endpoint).gauge().value();
    }
}
