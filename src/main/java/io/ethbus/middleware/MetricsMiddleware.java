package io.ethbus.middleware;

import io.ethbus.rpc.HttpStatusException;
import io.ethbus.rpc.MalformedResponseException;
import io.ethbus.rpc.PayloadTooLargeException;
import io.ethbus.rpc.ProviderConnectionException;
import io.ethbus.rpc.ProviderTimeoutException;
import io.ethbus.rpc.RpcException;
import io.ethbus.rpc.RpcRequest;
import io.ethbus.rpc.RpcResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every call that passes: a timer {@code <name>} (count and latency histogram) tagged
 * with method, endpoint and outcome ({@code success}, {@code rpc_error}, {@code timeout},
 * {@code connection}, {@code http_status}, {@code malformed}, {@code too_large}, {@code other}),
 * a counter {@code <name>.started} and a gauge {@code <name>.in_flight}, the calls under way
 * (started less finished, read when the registry is scraped). Outermost it counts what callers asked;
 * innermost, what reached the node (the difference is cache hits and retries).
 *
 * <pre>onion.add(new MetricsMiddleware(registry, "ethbus.rpc.requests", "mainnet"), "metrics")</pre>
 */
public final class MetricsMiddleware implements Middleware {
    private final MeterRegistry registry;
    private final String name;
    private final String endpoint;
    /**
     * Calls started. The calls under way are derived from it and the timers' counts when
     * scraped: a long-task timer kept every call in a concurrent sorted set, which cost more
     * per call than the rest of this layer. Shared by every instance with this name and
     * endpoint (the registry hands out one counter), as are the timers.
     */
    private final Counter started;
    /**
     * The timers met so far, by method and outcome: building and looking up a meter id on every
     * call (tags sorted, the registry's map) cost more than the timing itself. Concurrent because
     * a client onion may be called from several threads.
     */
    private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    public MetricsMiddleware(MeterRegistry registry, String name, String endpoint) {
        this.registry = registry;
        this.name = name;
        this.endpoint = endpoint;
        this.started = Counter.builder(name + ".started").tag("endpoint", endpoint)
                .description("calls started").register(registry);
        // one gauge per name and endpoint, reading the shared meters (Micrometer warns of a second registration)
        synchronized (registry) {
            if (registry.find(name + ".in_flight").tag("endpoint", endpoint).gauge() == null) {
                Gauge.builder(name + ".in_flight", registry, r -> underWay(r, name, endpoint)).tag("endpoint", endpoint)
                        .description("calls under way").register(registry);
            }
        }
    }

    /** Calls started less calls finished; the finished are read first, so that it is never below 0. */
    private static double underWay(MeterRegistry registry, String name, String endpoint) {
        double finished = 0;
        for (Timer t : registry.find(name).tag("endpoint", endpoint).timers()) {
            finished += t.count();
        }
        Counter started = registry.find(name + ".started").tag("endpoint", endpoint).counter();
        return started == null ? 0 : Math.max(0, started.count() - finished);
    }

    @Override
    public Future<RpcResponse> handle(RpcRequest request, Next next) {
        Timer.Sample sample = Timer.start(registry);
        started.increment();
        return next.handle(request).andThen(ar -> {
            String outcome = ar.succeeded() ? (ar.result().isError() ? "rpc_error" : "success") : outcomeOf(ar.cause());
            sample.stop(timer(request.method(), outcome));
        });
    }

    private Timer timer(String method, String outcome) {
        return timers.computeIfAbsent(method, m -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, o -> Timer.builder(name)
                .tag("method", method)
                .tag("endpoint", endpoint)
                .tag("outcome", o)
                .publishPercentileHistogram()
                .register(registry));
    }

    static String outcomeOf(Throwable e) {
        if (e instanceof RpcException) {
            return "rpc_error";
        } else if (e instanceof ProviderTimeoutException) {
            return "timeout";
        } else if (e instanceof ProviderConnectionException) {
            return "connection";
        } else if (e instanceof HttpStatusException) {
            return "http_status";
        } else if (e instanceof PayloadTooLargeException) {
            return "too_large";
        } else if (e instanceof MalformedResponseException) {
            return "malformed";
        }
        return "other";
    }
}
