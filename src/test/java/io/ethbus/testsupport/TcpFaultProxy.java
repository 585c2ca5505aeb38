package io.ethbus.testsupport;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real node that can drop every connection and
 * refuse new ones, to test reconnection. Bytes pass through unchanged.
 */
public final class TcpFaultProxy implements AutoCloseable {
    private final Vertx vertx;
    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final AtomicBoolean swallowing = new AtomicBoolean();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();

    public TcpFaultProxy(Vertx vertx, int targetPort) {
        this.vertx = vertx;
        this.client = vertx.createNetClient();
        this.server = vertx.createNetServer().connectHandler(inbound -> {
            if (refusing.get()) {
                inbound.close();
                return;
            }
            accepted.incrementAndGet();
            inbound.pause();
            client.connect(targetPort, "127.0.0.1").onComplete(ar -> {
                if (ar.failed()) {
                    inbound.close();
                    return;
                }
                NetSocket outbound = ar.result();
                sockets.add(inbound);
                sockets.add(outbound);
                open.incrementAndGet();
                inbound.handler(bytes -> {
                    if (!swallowing.get()) {
                        outbound.write(bytes);
                    }
                });
                outbound.handler(inbound::write);
                inbound.closeHandler(v -> { sockets.remove(inbound); open.decrementAndGet(); outbound.close(); });
                outbound.closeHandler(v -> { sockets.remove(outbound); inbound.close(); });
                inbound.resume();
            });
        });
        Await.result(server.listen(0, "127.0.0.1"));
    }

    public int port() {
        return server.actualPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections passing through now. */
    public int openConnections() {
        return open.get();
    }

    /** Closes every connection open now (not the ones clients open in reaction to the drop). */
    public void dropAll() {
        java.util.List.copyOf(sockets).forEach(NetSocket::close);
    }

    /** While true, bytes from clients are thrown away: their calls stay in flight, unanswered. */
    public void swallow(boolean swallow) {
        swallowing.set(swallow);
    }

    /** While true, new connections are closed at once. */
    public void refuse(boolean refuse) {
        refusing.set(refuse);
    }

    @Override
    public void close() {
        dropAll();
        Await.result(server.close());
        Await.result(client.close());
    }
}
