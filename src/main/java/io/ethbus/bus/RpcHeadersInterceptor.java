package io.ethbus.bus;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;

import java.time.Duration;

/**
 * Event-bus interceptor that makes sure every message to an ethbus address carries a trace
 * id and a deadline, whoever sent it (an EthClient, or a verticle in another language that
 * sends plain JSON). Installed once per Vert.x instance, on both the outbound and the
 * inbound side, so messages arriving from other cluster members get them too.
 */
public final class RpcHeadersInterceptor implements Handler<DeliveryContext<Object>> {
    private static final String INSTALLED = "ethbus.interceptors";
    private final long defaultDeadlineMillis;

    private RpcHeadersInterceptor(Duration defaultDeadline) {
        this.defaultDeadlineMillis = defaultDeadline.toMillis();
    }

    /** Installs the interceptor on {@code vertx} unless it is there already. */
    public static void install(Vertx vertx, Duration defaultDeadline) {
        // Per Vert.x instance, not per JVM: the flag lives in that instance's local shared data.
        if (vertx.sharedData().getLocalMap(INSTALLED).putIfAbsent("rpc-headers", Boolean.TRUE) == null) {
            RpcHeadersInterceptor interceptor = new RpcHeadersInterceptor(defaultDeadline);
            vertx.eventBus().addOutboundInterceptor(interceptor);
            vertx.eventBus().addInboundInterceptor(interceptor);
        }
    }

    @Override
    public void handle(DeliveryContext<Object> context) {
        String address = context.message().address();
        if (address != null && address.startsWith(RpcAddresses.PREFIX)) {
            MultiMap headers = context.message().headers();
            if (!headers.contains(RpcHeaders.TRACE_ID)) {
                headers.add(RpcHeaders.TRACE_ID, RpcHeaders.newTraceId());
            }
            if (!headers.contains(RpcHeaders.DEADLINE)) {
                headers.add(RpcHeaders.DEADLINE, Long.toString(System.currentTimeMillis() + defaultDeadlineMillis));
            }
        }
        context.next();
    }
}
